// Datasets: upload (drag and drop, with a progress bar), the list, and one dataset's columns, rows and images.

import { api, uploadDataset } from './api.js';
import { h, num, when, shortId, bar, setBar, alertBox, showError, facts } from './dom.js';
import { histogram } from './charts.js';
import { imageSide, imageGrid, range } from './images.js';

const PAGE = 20;

export function datasetsPage(view) {
  const list = h('div', { class: 'scroll' });
  view.append(h('h1', {}, 'Datasets'), uploadCard(), h('section', { class: 'card', 'aria-labelledby': 'ds-list' },
    h('h2', { id: 'ds-list' }, 'Stored datasets'), list));
  showPage(list, 0);
}

function uploadCard() {
  const file = h('input', { type: 'file', id: 'upload-file', name: 'file',
    accept: '.csv,.json,.idx,.gz,.ubyte,application/gzip,text/csv,application/json' });
  const chosen = h('div', { class: 'muted', id: 'upload-chosen' }, 'No file chosen');
  const drop = h('label', { class: 'drop', for: 'upload-file', id: 'upload-drop' },
    h('strong', {}, 'Drop a dataset file here'), h('div', { class: 'muted' },
      'CSV with a header row, JSON rows, or IDX (MNIST format), any of them gzipped'), file, chosen);
  const name = h('input', { id: 'upload-name', name: 'name', maxlength: 200, placeholder: 'default: the file name' });
  const labelColumn = h('input', { id: 'upload-label', name: 'labelColumn', placeholder: 'CSV only, e.g. label' });
  const labels = h('input', { type: 'file', id: 'upload-labels', name: 'labels', accept: '.idx,.gz,.ubyte,application/gzip' });
  const progress = bar('Upload progress');
  progress.id = 'upload-progress';
  const error = alertBox();
  error.id = 'upload-error';
  const done = h('div', { id: 'upload-done', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'upload-submit' }, 'Upload');
  let picked = null;
  const pick = f => {
    picked = f;
    chosen.textContent = f ? `${f.name} (${num(f.size)} bytes)` : 'No file chosen';
  };
  file.addEventListener('change', () => pick(file.files[0] || null));
  drop.addEventListener('dragover', e => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) pick(e.dataTransfer.files[0]);
  });
  const form = h('form', { class: 'card', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, 'Upload'), drop,
    h('div', { class: 'fields', style: 'margin-top:12px' },
      h('div', { class: 'field' }, h('label', { for: 'upload-name' }, 'Name'), name),
      h('div', { class: 'field' }, h('label', { for: 'upload-label' }, 'Label column'), labelColumn),
      h('div', { class: 'field' }, h('label', { for: 'upload-labels' }, 'Labels file (IDX only)'), labels)),
    h('div', { class: 'row', style: 'margin-top:12px' }, submit, progress), error, done);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    showError(error, null);
    done.replaceChildren();
    if (!picked) {
      showError(error, new Error('Choose or drop a file first'));
      return;
    }
    const body = new FormData();
    body.append('file', picked, picked.name);
    if (name.value.trim()) body.append('name', name.value.trim());
    if (labelColumn.value.trim()) body.append('labelColumn', labelColumn.value.trim());
    if (labels.files[0]) body.append('labels', labels.files[0], labels.files[0].name);
    submit.disabled = true;
    setBar(progress, 0);
    try {
      const dataset = await uploadDataset(body, share => setBar(progress, share));
      setBar(progress, 1, 'SUCCEEDED');
      done.append(h('div', { class: 'notice' }, 'Stored ', h('a', { href: '#/datasets/' + dataset.id, id: 'upload-link' },
        dataset.name), ` — ${num(dataset.rows)} rows × ${num(dataset.columns)} columns.`));
      showPage(document.querySelector('#datasets-table')?.parentElement, 0);
    } catch (err) {
      setBar(progress, 0, 'FAILED');
      showError(error, err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function showPage(list, page) {
  if (!list) return;
  try {
    const p = await api(`/datasets?page=${page}&size=${PAGE}`);
    list.replaceChildren(
      h('table', { id: 'datasets-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', { class: 'num' }, 'Rows'), h('th', { class: 'num' }, 'Columns'),
          h('th', { class: 'hide-narrow' }, 'Format'), h('th', { class: 'hide-narrow' }, 'Created'), h('th', {}, ''))),
        h('tbody', {}, p.items.length ? p.items.map(d => h('tr', { 'data-id': d.id },
          h('td', {}, h('a', { href: '#/datasets/' + d.id }, d.name || shortId(d.id))),
          h('td', { class: 'num' }, num(d.rows)), h('td', { class: 'num' }, num(d.columns)),
          h('td', { class: 'hide-narrow' }, d.format), h('td', { class: 'hide-narrow' }, when(d.createdAt)),
          h('td', {}, h('a', { href: '#/train?dataset=' + d.id }, 'Train'))))
          : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No datasets yet: upload one above.')))),
      pager(p, next => showPage(list, next)));
  } catch (err) {
    const box = alertBox();
    showError(box, err);
    list.replaceChildren(box);
  }
}

/** Previous / next buttons for a page {page, totalPages}. */
export function pager(p, go) {
  if (p.totalPages <= 1) return document.createDocumentFragment();
  return h('div', { class: 'pager' },
    h('button', { class: 'secondary', disabled: p.page === 0, onclick: () => go(p.page - 1) }, 'Previous'),
    h('span', { class: 'muted' }, `Page ${p.page + 1} of ${p.totalPages}`),
    h('button', { class: 'secondary', disabled: p.page + 1 >= p.totalPages, onclick: () => go(p.page + 1) }, 'Next'));
}

const COLUMNS_PER_PAGE = 24;

export async function datasetPage(view, id) {
  const error = alertBox();
  view.append(error);
  let d;
  try {
    d = await api('/datasets/' + id);
  } catch (err) {
    showError(error, err);
    return;
  }
  const side = imageSide(d.columns);
  const deleteError = alertBox();
  const columns = h('div', { class: 'scroll', id: 'dataset-columns' });
  const preview = h('div', { class: 'scroll', id: 'dataset-preview' });
  const thumbs = h('div', { class: 'thumbs', id: 'dataset-thumbs' });
  view.append(
    h('h1', {}, d.name),
    h('div', { class: 'grid2' },
      h('section', { class: 'card' }, h('h2', {}, 'Summary'), facts([
        ['id', d.id], ['rows', num(d.rows)], ['columns', num(d.columns)], ['format', d.format],
        d.labelColumn && ['label column', d.labelColumn], ['bytes', num(d.sizeBytes)], ['created', when(d.createdAt)],
        ['SHA-256', h('code', {}, d.sha256)]]),
      h('div', { class: 'row', style: 'margin-top:12px' },
        h('a', { class: 'button', href: '#/train?dataset=' + d.id }, 'Train a model on it'),
        h('button', { class: 'danger', id: 'dataset-delete', onclick: async () => {
          if (!confirm(`Delete dataset "${d.name}"? This cannot be undone.`)) return;
          try {
            await api('/datasets/' + d.id, { method: 'DELETE' });
            location.hash = '#/datasets';
          } catch (err) {
            showError(deleteError, err);
          }
        } }, 'Delete')), deleteError),
      side ? h('section', { class: 'card' }, h('h2', {}, `Images (${side}×${side})`), thumbs) : null),
    h('section', { class: 'card' }, h('h2', {}, 'Columns'), columns),
    h('section', { class: 'card' }, h('h2', {}, 'First rows'), preview));
  showColumns(columns, d, 0);
  try {
    const rows = await api(`/datasets/${d.id}/rows?format=json&limit=${side ? 32 : 10}`);
    showPreview(preview, rows);
    if (side) {
      const [lo, hi] = range(rows.rows);
      thumbs.append(imageGrid(rows.rows, side, { columns: 8, scale: 2, lo, hi, label: 'The first 32 rows as images' }));
    }
  } catch (err) {
    showError(error, err);
  }
}

async function showColumns(el, d, page) {
  let histograms = null;
  try {
    histograms = (await api(`/datasets/${d.id}/histograms?bins=20`)).columns;
  } catch (err) {
    const box = alertBox();
    showError(box, err);
    el.before(box);
  }
  const render = p => {
    const first = p * COLUMNS_PER_PAGE;
    const shown = d.stats.slice(first, first + COLUMNS_PER_PAGE);
    const body = h('tbody');
    const table = h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Column'), h('th', {}, 'Type'),
      h('th', { class: 'num' }, 'Missing'), h('th', {}, 'Summary'), h('th', {}, 'Histogram'))), body);
    el.replaceChildren(table, pager({ page: p, totalPages: Math.ceil(d.stats.length / COLUMNS_PER_PAGE) }, render));
    shown.forEach((s, i) => {
      const chart = h('div', { class: 'hist' });
      body.append(h('tr', {}, h('td', {}, s.name), h('td', {}, s.type || 'NUMERIC'), h('td', { class: 'num' }, num(s.missing || 0)),
        h('td', {}, s.levels ? `${s.levels.length} levels: ` + s.levels.slice(0, 6).map(l => `${l.level} (${l.count})`).join(', ')
          + (s.levels.length > 6 ? ', …' : '')
          : `min ${num(s.min)} · max ${num(s.max)} · mean ${num(s.mean)} · std ${num(s.std)}`),
        h('td', {}, chart)));
      const hist = histograms && histograms[first + i];
      if (hist) {
        const bins = hist.bins || (hist.levels || []).map((l, k) => ({ from: k - 0.5, to: k + 0.5, count: l.count }));
        histogram(chart, { bins, height: 60, compact: true });
      }
    });
  };
  render(page);
}

function showPreview(el, data) {
  const shown = data.columns.slice(0, 12);
  const more = data.columns.length - shown.length;
  el.replaceChildren(h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, '#'), shown.map(c => h('th', {}, c)), more > 0 ? h('th', {}, `+${more}`) : null,
      data.labels ? h('th', {}, data.labelColumn || 'label') : null)),
    h('tbody', {}, data.rows.slice(0, 10).map((r, i) => h('tr', {}, h('td', { class: 'muted' }, i),
      r.slice(0, 12).map(v => h('td', { class: 'num' }, v === null ? '∅' : num(v))), more > 0 ? h('td', { class: 'muted' }, '…') : null,
      data.labels ? h('td', {}, data.labels[i]) : null)))));
}
