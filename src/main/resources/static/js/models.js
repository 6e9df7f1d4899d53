// Models: the list, and one model's metrics, curves, reconstructions, samples, code map and anomaly scores.

import { api, download } from './api.js';
import { h, num, when, shortId, alertBox, showError, facts } from './dom.js';
import { histogram, scatter } from './charts.js';
import { imageSide, imageGrid, range } from './images.js';
import { drawCurves } from './jobs.js';
import { pager } from './datasets.js';

const PAGE = 20;
const GRID_ROWS = 8;
const SCORED_ROWS = 500;

export function modelsPage(view) {
  const error = alertBox();
  const list = h('div', { class: 'scroll' });
  view.append(h('h1', {}, 'Models'), error, h('section', { class: 'card' }, list));
  const show = async page => {
    try {
      const p = await api(`/models?page=${page}&size=${PAGE}`);
      list.replaceChildren(h('table', { id: 'models-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Model'), h('th', {}, 'Variant'), h('th', { class: 'num' }, 'Input'),
          h('th', { class: 'num' }, 'Code'), h('th', { class: 'num hide-narrow' }, 'Parameters'), h('th', { class: 'hide-narrow' }, 'Created'))),
        h('tbody', {}, p.items.length ? p.items.map(m => h('tr', { 'data-id': m.id },
          h('td', {}, h('a', { href: '#/models/' + m.id }, m.name || shortId(m.id))), h('td', {}, m.variant),
          h('td', { class: 'num' }, num(m.inputDim)), h('td', { class: 'num' }, num(m.codeDim)),
          h('td', { class: 'num hide-narrow' }, num(m.parameterCount)), h('td', { class: 'hide-narrow' }, when(m.createdAt))))
          : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No models yet: train one.')))), pager(p, show));
    } catch (err) {
      showError(error, err);
    }
  };
  show(0);
}

export async function modelPage(view, id) {
  const error = alertBox();
  view.append(error);
  let m;
  try {
    m = await api('/models/' + id);
  } catch (err) {
    showError(error, err);
    return;
  }
  const section = (title, elId, ...content) => h('section', { class: 'card', id: elId }, h('h2', {}, title), ...content);
  const curves = h('div', { id: 'model-curves' });
  const exportError = alertBox();
  view.append(h('h1', {}, m.name || 'Model ' + shortId(m.id)),
    h('div', { class: 'grid2' },
      section('Model', 'model-facts', facts([['id', m.id], ['variant', m.variant], ['input width', num(m.inputDim)],
        ['code width', num(m.codeDim)], ['parameters', num(m.parameterCount)], ['created', when(m.createdAt)],
        m.jobId && ['job', h('a', { href: '#/jobs/' + m.jobId }, shortId(m.jobId))],
        m.datasetId && ['dataset', h('a', { href: '#/datasets/' + m.datasetId }, shortId(m.datasetId))],
        m.modalities && ['modalities', m.modalities.map(x => `${x.name} (${x.width})`).join(', ')],
        ['weights SHA-256', h('code', {}, m.weightsSha256)]]),
      h('div', { class: 'row', style: 'margin-top:12px' },
        h('button', { id: 'model-export', onclick: async () => {
          try {
            await download(`/models/${m.id}/export`, `${(m.name || m.id).replace(/[^\w.-]+/g, '_')}.hgae`);
          } catch (err) {
            showError(exportError, err);
          }
        } }, 'Export model file')), exportError),
      section('Final metrics', 'model-metrics', metricsTable(m))),
    section('Loss curves', 'model-curves-card', curves));
  api(`/models/${id}/metrics`).then(r => drawCurves(curves, r.epochs)).catch(err => showError(error, err));
  if (!m.datasetId) {
    view.append(h('p', { class: 'muted' }, 'An imported model: no training dataset to draw reconstructions or maps from.'));
    return;
  }
  const side = m.columns || m.modalities ? 0 : imageSide(m.inputDim);
  const pictures = h('div', { class: 'grid2' });
  view.append(pictures);
  const guard = (el, promise) => promise.catch(err => {
    const box = alertBox();
    showError(box, err);
    el.append(box);
  });
  if (side) {
    const recon = section('Reconstructions', 'recon-card', h('p', { class: 'muted' }, 'Top: originals; bottom: reconstructions.'));
    pictures.append(recon);
    guard(recon, reconstructions(recon, m, side));
    if (m.variant === 'VARIATIONAL') {
      const samples = section('Samples from the prior', 'samples-card');
      pictures.append(samples);
      guard(samples, vaeSamples(samples, m, side));
    }
  }
  if (m.modalities) {
    const cross = section('Cross-modal reconstructions', 'cross-card');
    view.append(cross);
    guard(cross, crossModal(cross, m));
  }
  const map = section('Code map', 'map-card');
  view.append(map);
  guard(map, codeMap(map, m));
  if (m.anomaly) {
    const scores = section('Anomaly scores', 'scores-card');
    view.append(scores);
    guard(scores, scoreHistogram(scores, m));
  }
}

function metricsTable(m) {
  // Nested metrics (identityCheck {dataError, …}) as one row per member: identityCheck.dataError.
  const flat = Object.entries(m.metrics || {}).flatMap(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v).map(([k2, v2]) => [k + '.' + k2, v2]) : [[k, v]]));
  const anomaly = m.anomaly ? [['anomaly threshold', m.anomaly.threshold], ['anomaly score', m.anomaly.scoreType],
    ['contamination', m.anomaly.contamination], ['calibration rows', m.anomaly.calibrationRows]] : [];
  return h('table', { class: 'metrics' }, h('tbody', {}, [...flat, ...anomaly].map(([k, v]) =>
    h('tr', {}, h('th', { scope: 'row' }, k), h('td', { class: 'num' }, typeof v === 'object' && v !== null ? JSON.stringify(v) : num(v))))));
}

async function trainingRows(m, limit) {
  return api(`/datasets/${m.datasetId}/rows?format=json&limit=${limit}`);
}

async function reconstructions(el, m, side) {
  const rows = (await trainingRows(m, GRID_ROWS)).rows;
  const out = await api(`/models/${m.id}/reconstruct`, { method: 'POST', json: { instances: rows } });
  const [lo, hi] = range(rows);
  const canvas = imageGrid([...rows, ...out.reconstructions], side,
    { columns: rows.length, scale: 3, lo, hi, label: 'Originals above their reconstructions' });
  canvas.id = 'recon-grid';
  el.append(canvas, h('p', { class: 'legend-note' }, 'Mean squared error per row (normalized units): ',
    out.errors.map(e => num(e, 3)).join(', ')));
}

async function vaeSamples(el, m, side) {
  const rows = (await trainingRows(m, GRID_ROWS)).rows;
  const out = await api(`/models/${m.id}/sample`, { method: 'POST', json: { count: 16, seed: 1 } });
  const [lo, hi] = range(rows);
  const canvas = imageGrid(out.samples, side, { columns: 8, scale: 3, lo, hi, label: '16 draws from the prior, decoded' });
  canvas.id = 'samples-grid';
  el.append(canvas);
}

/**
 * Each modality alone: the row's original (image-shaped datasets: drawn as the image), the given modality's
 * pixels only, and what the model reconstructs of every modality from them.
 */
async function crossModal(el, m) {
  const dataset = await api('/datasets/' + m.datasetId);
  const side = imageSide(dataset.columns);
  const data = await trainingRows(m, GRID_ROWS);
  const position = new Map(data.columns.map((c, i) => [c, i]));
  const modelColumns = m.modalities.flatMap(x => x.columns);
  const [lo, hi] = range(data.rows);
  if (!side) {
    el.append(h('p', { class: 'muted' }, 'The dataset is not image-shaped; see the reconstruct call for numbers.'));
    return;
  }
  // A network-order row placed back at its dataset positions; pixels of no modality stay at the lowest value.
  const picture = (values, columns) => {
    const img = new Array(dataset.columns).fill(lo);
    columns.forEach((c, i) => {
      img[position.get(c)] = values[i];
    });
    return img;
  };
  const lines = [data.rows];
  const captions = ['originals'];
  for (const modality of m.modalities) {
    const given = data.rows.map(r => modality.columns.map(c => r[position.get(c)]));
    const out = await api(`/models/${m.id}/reconstruct`, { method: 'POST',
      json: { modalities: { [modality.name]: given } } });
    // Rows per modality, {name: [[…]]}: each modality's columns put back in place.
    const whole = given.map((_, r) => m.modalities.flatMap(x => out.reconstructions[x.name][r]));
    lines.push(given.map(g => picture(g, modality.columns)), whole.map(r => picture(r, modelColumns)));
    captions.push(`${modality.name} given`, `reconstructed from ${modality.name} alone`);
  }
  const canvas = imageGrid(lines.flat(), side, { columns: data.rows.length, scale: 2, lo, hi,
    label: 'Rows: ' + captions.join('; ') });
  canvas.id = 'cross-grid';
  el.append(h('p', { class: 'muted' }, 'Rows, top to bottom: ' + captions.join(' · ')), canvas);
}

async function codeMap(el, m) {
  const p = await api(`/models/${m.id}/projection?limit=2000`);
  const chart = h('div', { class: 'chart', id: 'code-map' });
  el.append(h('p', { class: 'muted' }, `PCA of the codes of ${num(p.points.length)} rows of the training dataset: `
    + `the two components explain ${(100 * p.explainedVariance[0]).toFixed(1)}% and `
    + `${(100 * p.explainedVariance[1]).toFixed(1)}% of the codes' variance`
    + (p.labels ? '; colours are the labels.' : '.')), chart);
  scatter(chart, { points: p.points, groups: p.labels || null });
  chart.dataset.points = String(p.points.length);
}

async function scoreHistogram(el, m) {
  const data = await trainingRows(m, SCORED_ROWS);
  let rows = data.rows;
  if (m.modalities) {   // the network's columns, found by name among the dataset's
    const position = new Map(data.columns.map((c, i) => [c, i]));
    const columns = m.modalities.flatMap(x => x.columns);
    rows = rows.map(r => columns.map(c => r[position.get(c)]));
  }
  const out = await api(`/models/${m.id}/score`, { method: 'POST', json: { instances: rows } });
  const scores = out.scores;
  const threshold = out.threshold ?? m.anomaly.threshold;
  const lo = Math.min(...scores, threshold);
  const hi = Math.max(...scores, threshold);
  const count = 30;
  const step = hi > lo ? (hi - lo) / count : 1;
  const bins = Array.from({ length: count }, (_, i) => ({ from: lo + i * step, to: lo + (i + 1) * step, count: 0 }));
  for (const s of scores) bins[Math.min(count - 1, Math.floor((s - lo) / step))].count++;
  const flagged = out.anomalies ? out.anomalies.filter(Boolean).length : 0;
  const chart = h('div', { class: 'chart', id: 'score-hist' });
  el.append(h('p', { class: 'muted' }, `Scores (${out.scoreType}) of the first ${scores.length} training rows; the dashed `
    + `line is the threshold ${num(threshold)}, above which ${flagged} of them are flagged.`), chart);
  histogram(chart, { bins, height: 220, xLabel: 'score', marker: { x: threshold } });
}
