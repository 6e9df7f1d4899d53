// The public API, as any client calls it: JSON in and out, problem+json errors, an optional API key.

const KEY = 'hourglass.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, Authorization: 'Bearer ' + key } : extra;
}

/** A 4xx/5xx answer: its status and its RFC 9457 problem (type, title, detail, errors[]). */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || (status ? 'HTTP ' + status : 'The service did not answer'));
    this.status = status;
    this.problem = problem || {};
  }

  /** The problem's field errors: [{field, reason}]. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

async function problemOf(res) {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** Calls /api/v1 + path; json is sent as the body; the answer's JSON (or null for 204). */
export async function api(path, { method = 'GET', json } = {}) {
  const init = { method, headers: headers(json === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (json !== undefined) init.body = JSON.stringify(json);
  let res;
  try {
    res = await fetch('/api/v1' + path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return null;
  return res.json();
}

/** Downloads an endpoint's body (with the key, which a plain link could not send) as a file. */
export async function download(path, filename) {
  const res = await fetch('/api/v1' + path, { headers: headers() });
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POSTs a multipart form to /api/v1/datasets, reporting the share of bytes sent; the created dataset. */
export function uploadDataset(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/datasets');
    const key = apiKey();
    if (key) xhr.setRequestHeader('Authorization', 'Bearer ' + key);
    xhr.upload.onprogress = e => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body); else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.send(form);
  });
}

/**
 * Follows a job's Server-Sent Events (read with fetch, so the API key travels as a header): onEvent(name, view)
 * per event. Reconnects while the job is not over; returns a function that stops following.
 */
export function followJob(jobId, onEvent) {
  const control = new AbortController();
  let over = false;
  const run = async () => {
    while (!over && !control.signal.aborted) {
      try {
        const res = await fetch(`/api/v1/jobs/${jobId}/events`,
          { headers: headers({ Accept: 'text/event-stream' }), signal: control.signal });
        if (!res.ok) return;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parseEvent(block);
            if (event) {
              if (event.name !== 'progress') over = true;
              onEvent(event.name, event.data);
            }
          }
        }
      } catch (e) {
        if (control.signal.aborted) return;
      }
      if (!over) await new Promise(r => setTimeout(r, 2000));
    }
  };
  run();
  return () => control.abort();
}

function parseEvent(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return null;
  try {
    return { name, data: JSON.parse(data.join('\n')) };
  } catch {
    return null;
  }
}

export const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
