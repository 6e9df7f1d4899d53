// Small DOM helpers: elements from tag, attributes and children; number and time formats.

/** h('a', {href: '#/x', class: 'y', onclick: f}, 'text', child…): a new element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** A number for people: 4 significant digits, exponents for the very small and the very large. */
export function num(v, digits = 4) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en');
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(digits - 1) : Number(v.toPrecision(digits)).toString();
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60) + ' min';
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function shortId(id) {
  return id ? id.slice(0, 8) : '—';
}

/** A progress bar (role progressbar) whose share and state can be set later with setBar. */
export function bar(label) {
  const fill = h('span');
  const el = h('div', { class: 'bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0,
    'aria-valuemax': 100, 'aria-valuenow': 0 }, fill);
  return el;
}

export function setBar(el, share, state = '') {
  const pct = Math.round(Math.max(0, Math.min(1, share)) * 100);
  el.firstChild.style.width = pct + '%';
  el.setAttribute('aria-valuenow', pct);
  el.title = pct + '%';
  el.classList.toggle('done', state === 'SUCCEEDED');
  el.classList.toggle('failed', state === 'FAILED' || state === 'CANCELLED');
}

export function status(s) {
  return h('span', { class: 'status ' + s, 'data-status': s }, s.replace('_', ' ').toLowerCase());
}

/** An element that shows an error (ApiError or any other) with role alert. */
export function alertBox() {
  return h('div', { class: 'alert', role: 'alert' });
}

export function showError(box, error) {
  box.textContent = error ? (error.problem?.title && error.message !== error.problem.title
    ? error.problem.title + ': ' + error.message : error.message) : '';
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(p => p).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}
