// Jobs: the list with live progress bars, and one job's progress, loss curves (updated per epoch) and cancel.

import { api, followJob, TERMINAL } from './api.js';
import { h, num, duration, when, shortId, bar, setBar, status, alertBox, showError, facts } from './dom.js';
import { lineChart } from './charts.js';
import { pager } from './datasets.js';

const PAGE = 20;
/**
 * Event streams the list keeps open at once: a browser has about six connections per host over HTTP/1.1, and
 * each stream holds one, so the other jobs of the page are polled instead.
 */
const MAX_FOLLOWED = 3;
const POLL_MS = 3000;

export function jobsPage(view) {
  const error = alertBox();
  const list = h('div', { class: 'scroll' });
  view.append(h('h1', {}, 'Jobs'), h('p', {}, h('a', { class: 'button', href: '#/train' }, 'Train a model')), error,
    h('section', { class: 'card' }, list));
  const stops = new Map();
  let rows = new Map();
  let page = 0;
  let timer = null;
  let left = false;
  const stopAll = () => {
    for (const stop of stops.values()) stop();
    stops.clear();
    clearTimeout(timer);
  };
  const show = async next => {
    stopAll();
    page = next;
    try {
      const p = await api(`/jobs?page=${page}&size=${PAGE}`);
      if (left) return;
      const body = h('tbody');
      list.replaceChildren(h('table', { id: 'jobs-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Job'), h('th', {}, 'Variant'),
        h('th', {}, 'Status'), h('th', {}, 'Progress'), h('th', { class: 'num' }, 'Epoch'),
        h('th', { class: 'num hide-narrow' }, 'Loss'), h('th', { class: 'num hide-narrow' }, 'ETA'), h('th', {}, ''))), body),
      pager(p, show));
      if (!p.items.length) body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No jobs yet.')));
      rows = new Map();
      for (const job of p.items) {
        const row = jobRow(job, error);
        rows.set(job.id, row);
        body.append(row.el);
      }
      for (const job of p.items.filter(j => j.status === 'RUNNING').slice(0, MAX_FOLLOWED)) {
        stops.set(job.id, followJob(job.id, (name, v) => rows.get(job.id)?.update(v)));
      }
      timer = setTimeout(poll, POLL_MS);
    } catch (err) {
      showError(error, err);
    }
  };
  // The jobs without a stream, read again; a job new on this page redraws it (and picks the streams again).
  const poll = async () => {
    if (left) return;
    try {
      const p = await api(`/jobs?page=${page}&size=${PAGE}`);
      if (p.items.some(j => !rows.has(j.id))
          || p.items.some(j => j.status === 'RUNNING' && !stops.has(j.id) && stops.size < MAX_FOLLOWED)) {
        show(page);
        return;
      }
      for (const job of p.items) {
        if (!stops.has(job.id)) rows.get(job.id)?.update(job);
      }
    } catch (err) {
      showError(error, err);
    }
    if (!left) timer = setTimeout(poll, POLL_MS);
  };
  show(0);
  return () => {
    left = true;
    stopAll();
  };
}

function jobRow(job, error) {
  const progress = bar('Progress of job ' + (job.name || shortId(job.id)));
  const cells = { status: h('td'), epoch: h('td', { class: 'num' }), loss: h('td', { class: 'num hide-narrow' }),
    eta: h('td', { class: 'num hide-narrow' }), action: h('td') };
  const el = h('tr', { 'data-id': job.id },
    h('td', {}, h('a', { href: '#/jobs/' + job.id }, job.name || shortId(job.id))), h('td', {}, job.variant),
    cells.status, h('td', {}, progress), cells.epoch, cells.loss, cells.eta, cells.action);
  const update = v => {
    cells.status.replaceChildren(status(v.status));
    setBar(progress, v.progress, v.status);
    cells.epoch.textContent = `${v.epoch} / ${v.epochs}`;
    cells.loss.textContent = num(v.lastLoss);
    cells.eta.textContent = TERMINAL.has(v.status) ? '' : duration(v.etaSeconds);
    cells.action.replaceChildren(v.modelId && v.status === 'SUCCEEDED'
      ? h('a', { href: '#/models/' + v.modelId }, 'Model')
      : cancelButton(v, error));
  };
  update(job);
  return { el, update };
}

function cancelButton(job, error) {
  if (!(job.status === 'QUEUED' || job.status === 'RUNNING')) return null;
  return h('button', { class: 'danger', 'data-cancel': job.id, 'aria-label': 'Cancel job ' + (job.name || shortId(job.id)),
    onclick: async e => {
      e.target.disabled = true;
      try {
        await api(`/jobs/${job.id}/cancel`, { method: 'POST' });
      } catch (err) {
        showError(error, err);
        e.target.disabled = false;
      }
    } }, 'Cancel');
}

export async function jobPage(view, id) {
  const error = alertBox();
  view.append(error);
  let job;
  try {
    job = await api('/jobs/' + id);
  } catch (err) {
    showError(error, err);
    return;
  }
  const title = h('h1', {}, job.name || 'Job ' + shortId(job.id));
  const progress = bar('Training progress');
  progress.id = 'job-progress';
  const state = h('div', { id: 'job-status' });
  const details = h('div');
  const actions = h('div', { class: 'row', style: 'margin-top:12px' });
  const curves = h('div', { id: 'job-curves' });
  view.append(title, h('div', { class: 'grid2' },
    h('section', { class: 'card' }, h('h2', {}, 'Progress'), h('div', { class: 'row' }, state, progress), details, actions),
    h('section', { class: 'card' }, h('h2', {}, 'Spec'), h('details', {}, h('summary', {}, 'The defaulted spec that runs'),
      h('pre', { class: 'scroll' }, JSON.stringify(job.spec || job.transform, null, 2))))),
  h('section', { class: 'card' }, h('h2', {}, 'Loss curves'), curves));

  const show = v => {
    state.replaceChildren(status(v.status));
    setBar(progress, v.progress, v.status);
    details.replaceChildren(facts([['epoch', `${v.epoch} / ${v.epochs}`], v.phase && ['phase', v.phase],
      ['last loss', num(v.lastLoss)], !TERMINAL.has(v.status) && ['ETA', duration(v.etaSeconds)],
      ['variant', v.variant], ['dataset', h('a', { href: '#/datasets/' + v.datasetId }, shortId(v.datasetId))],
      ['attempt', v.attempt], v.node && ['node', v.node], ['created', when(v.createdAt)],
      v.finishedAt && ['finished', when(v.finishedAt)], v.stopReason && ['stopped', v.stopReason],
      v.error && ['error', h('span', { class: 'field-error' }, v.error)]]));
    actions.replaceChildren(...[cancelButton(v, error),
      v.modelId && v.status === 'SUCCEEDED' && h('a', { class: 'button', id: 'job-model-link', href: '#/models/' + v.modelId },
        'Open the model')].filter(Boolean));
  };
  const refreshCurves = async () => {
    if (job.kind === 'TRANSFORM') return;
    try {
      drawCurves(curves, (await api(`/jobs/${id}/metrics`)).epochs);
    } catch (err) {
      showError(error, err);
    }
  };
  show(job);
  refreshCurves();
  if (TERMINAL.has(job.status)) return null;
  return followJob(id, (name, v) => {
    show(v);
    refreshCurves();
  });
}

/**
 * Loss curves per phase (stacked models train in phases): the train and validation loss, and every term.
 * The chart elements keep their uPlot and are updated in place while a job trains.
 */
export function drawCurves(el, epochs) {
  if (!epochs.length) {
    if (!el.querySelector('.chart')) el.replaceChildren(h('p', { class: 'muted' }, 'No epoch has finished yet.'));
    return;
  }
  el.querySelector('p.muted')?.remove();
  const phases = [...new Set(epochs.map(e => e.phase || 'training'))];
  phases.forEach((phase, i) => {
    const rows = epochs.filter(e => (e.phase || 'training') === phase);
    let box = el.querySelector(`[data-phase="${CSS.escape(phase)}"]`);
    if (!box) {
      box = h('div', { 'data-phase': phase, class: 'grid2' },
        h('div', {}, h('h3', {}, phases.length > 1 ? `Loss — ${phase}` : 'Loss'), h('div', { class: 'chart loss-chart' })),
        h('div', {}, h('h3', {}, 'Terms'), h('div', { class: 'chart terms-chart' })));
      el.append(box);
    }
    const x = rows.map(e => e.epoch);
    const loss = [{ label: 'train', values: rows.map(e => e.trainLoss) }];
    if (rows.some(e => e.validationLoss !== null && e.validationLoss !== undefined)) {
      loss.push({ label: 'validation', values: rows.map(e => e.validationLoss ?? null), dash: [6, 4] });
    }
    const lossChart = box.querySelector('.loss-chart');
    lineChart(lossChart, { x, series: loss });
    lossChart.dataset.points = String(x.length);
    const names = [...new Set(rows.flatMap(e => Object.keys(e.terms || {})))];
    const termsChart = box.querySelector('.terms-chart');
    if (names.length) {
      lineChart(termsChart, { x, yLabel: 'value', series: names.map(n => ({ label: n, values: rows.map(e => e.terms?.[n] ?? null) })) });
      termsChart.dataset.points = String(x.length);
    }
  });
}
