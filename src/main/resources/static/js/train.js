// Training: a form per variant with the server's defaults filled in, the spec JSON beside it (either can be
// edited; each follows the other), submitted as it is; the server's 422 field errors show next to their fields.

import { api } from './api.js';
import { h, alertBox, showError } from './dom.js';

const ACTIVATIONS = ['RELU', 'LEAKY_RELU', 'TANH', 'SIGMOID', 'LINEAR'];

// [path, label, kind (int | number | list | text | bool | a list of choices), variants it belongs to (all: null)]
const FIELDS = [
  ['name', 'Name', 'text'],
  ['encoder', 'Encoder widths (the last is the code)', 'list'],
  ['activation', 'Hidden activation', ACTIVATIONS],
  ['outputActivation', 'Output activation', ['SIGMOID', 'LINEAR']],
  ['loss', 'Loss', ['MSE', 'BCE']],
  ['normalization', 'Normalization', ['MINMAX', 'ZSCORE', 'NONE']],
  ['tiedWeights', 'Tied weights', 'bool', ['BASIC', 'DENOISING', 'SPARSE', 'CONTRACTIVE', 'STACKED', 'MULTIMODAL']],
  ['weightDecay', 'Weight decay λ', 'number'],
  ['noise.type', 'Noise', ['MASKING', 'GAUSSIAN'], ['DENOISING']],
  ['noise.level', 'Noise level', 'number', ['DENOISING']],
  ['sparsity.target', 'Sparsity target ρ', 'number', ['SPARSE']],
  ['sparsity.weight', 'Sparsity weight β', 'number', ['SPARSE']],
  ['contractive.weight', 'Contractive weight λ', 'number', ['CONTRACTIVE']],
  ['contractive.scope', 'Contractive scope', ['ENCODER', 'CODE_LAYER'], ['CONTRACTIVE']],
  ['variational.latentDim', 'Latent width', 'int', ['VARIATIONAL']],
  ['variational.klWeight', 'KL weight β', 'number', ['VARIATIONAL']],
  ['variational.likelihood', 'Likelihood', ['BERNOULLI', 'GAUSSIAN'], ['VARIATIONAL']],
  ['variational.samples', 'Samples of z', 'int', ['VARIATIONAL']],
  ['stacked.pretrainEpochs', 'Epochs per layer', 'int', ['STACKED']],
  ['stacked.fineTune', 'Fine-tune end to end', 'bool', ['STACKED']],
  ['multimodal.singleModalityFraction', 'Single-modality share', 'number', ['MULTIMODAL']],
  ['multimodal.alignment', 'Alignment λ', 'number', ['MULTIMODAL']],
  ['training.epochs', 'Epochs', 'int'],
  ['training.batchSize', 'Batch size', 'int'],
  ['training.optimizer', 'Optimizer', ['ADAM', 'MOMENTUM', 'SGD']],
  ['training.learningRate', 'Learning rate', 'number'],
  ['training.validationFraction', 'Validation share', 'number'],
  ['training.seed', 'Seed', 'int'],
  ['anomaly.contamination', 'Anomaly contamination', 'number'],
  ['anomaly.score', 'Anomaly score', ['MSE', 'MAE', 'LOG_PROBABILITY']],
];

function get(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function set(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] == null || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  o[keys[keys.length - 1]] = value;
}

/** The form's text for a spec value, and the spec value for a form text (text the server then judges). */
function toText(kind, v) {
  if (v === null || v === undefined) return '';
  return kind === 'list' && Array.isArray(v) ? v.join(', ') : String(v);
}

function fromText(kind, text) {
  const t = text.trim();
  if (t === '') return null;
  if (kind === 'list') return t.split(/[\s,]+/).filter(Boolean).map(x => (/^-?\d+$/.test(x) ? Number(x) : x));
  if (kind === 'int' || kind === 'number') return Number.isFinite(Number(t)) ? Number(t) : t;
  return t;
}

export async function trainPage(view, datasetId) {
  const error = alertBox();
  error.id = 'train-error';
  view.append(h('h1', {}, 'Train a model'), error);
  let variants;
  let datasets;
  try {
    [variants, datasets] = await Promise.all([api('/variants'), api('/datasets?page=0&size=100')]);
  } catch (err) {
    showError(error, err);
    return;
  }
  const defaults = new Map(variants.variants.map(v => [v.variant, v]));
  let spec = structuredClone(defaults.get('BASIC').defaults);
  spec.datasetId = datasetId || datasets.items[0]?.id || null;

  const datasetSelect = h('select', { id: 'f-datasetId', 'data-path': 'datasetId' },
    datasets.items.map(d => h('option', { value: d.id }, `${d.name} (${d.rows} × ${d.columns})`)));
  const variantSelect = h('select', { id: 'f-variant', 'data-path': 'variant' },
    variants.variants.map(v => h('option', { value: v.variant }, v.variant)));
  const description = h('p', { class: 'muted', id: 'variant-description' });
  const inputs = new Map();
  const fieldBoxes = [];
  const fieldGrid = h('div', { class: 'fields' },
    field('datasetId', 'Dataset', datasetSelect), field('variant', 'Variant', variantSelect),
    FIELDS.map(([path, label, kind, only]) => {
      const id = 'f-' + path.replace(/\./g, '-');
      const input = Array.isArray(kind)
        ? h('select', { id, 'data-path': path }, kind.map(k => h('option', { value: k }, k)))
        : kind === 'bool' ? h('input', { id, type: 'checkbox', 'data-path': path })
          : h('input', { id, 'data-path': path, inputmode: kind === 'text' || kind === 'list' ? 'text' : 'decimal' });
      inputs.set(path, [input, kind]);
      const box = field(path, label, input);
      fieldBoxes.push([box, only]);
      return box;
    }));
  const json = h('textarea', { id: 'spec-json', rows: 30, spellcheck: 'false', 'aria-describedby': 'spec-json-error',
    'data-path': 'spec' });
  const jsonError = h('div', { class: 'field-error', id: 'spec-json-error', 'data-error-for': 'spec' });
  const submit = h('button', { type: 'submit', id: 'train-submit' }, 'Start training');
  const form = h('form', { novalidate: true },
    h('div', { class: 'spec-layout' },
      h('section', { class: 'card', 'aria-labelledby': 'form-title' }, h('h2', { id: 'form-title' }, 'Settings'),
        description, fieldGrid, h('div', { class: 'row', style: 'margin-top:14px' }, submit)),
      h('section', { class: 'card', 'aria-labelledby': 'json-title' },
        h('h2', { id: 'json-title' }, h('label', { for: 'spec-json' }, 'Spec (JSON, sent as it is)')),
        json, jsonError,
        h('p', { class: 'legend-note' }, 'MULTIMODAL needs "modalities": [{"name", "columns", "encoder"}, …], edited here.'))));
  view.append(form);

  const fill = () => {
    datasetSelect.value = spec.datasetId || '';
    variantSelect.value = spec.variant;
    description.textContent = defaults.get(spec.variant)?.description || '';
    for (const [path, [input, kind]] of inputs) {
      const v = get(spec, path);
      if (kind === 'bool') input.checked = !!v; else input.value = toText(kind, v);
    }
    for (const [box, only] of fieldBoxes) box.hidden = !!only && !only.includes(spec.variant);
  };
  const write = () => {
    json.value = JSON.stringify(spec, null, 2);
  };
  const clearErrors = () => {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    showError(error, null);
  };

  datasetSelect.addEventListener('change', () => {
    spec.datasetId = datasetSelect.value;
    write();
  });
  variantSelect.addEventListener('change', () => {
    // The new variant's defaults, keeping what does not depend on the variant.
    const next = structuredClone(defaults.get(variantSelect.value).defaults);
    next.datasetId = spec.datasetId;
    next.name = spec.name;
    next.training = spec.training;
    spec = next;
    fill();
    write();
  });
  for (const [path, [input, kind]] of inputs) {
    input.addEventListener(kind === 'bool' || Array.isArray(kind) ? 'change' : 'input', () => {
      set(spec, path, kind === 'bool' ? input.checked : fromText(kind, input.value));
      write();
    });
  }
  json.addEventListener('input', () => {
    try {
      const parsed = JSON.parse(json.value);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must be an object');
      spec = parsed;
      jsonError.textContent = '';
      json.removeAttribute('aria-invalid');
      submit.disabled = false;
      fill();
    } catch (e) {
      jsonError.textContent = 'Not a JSON object: ' + e.message;
      json.setAttribute('aria-invalid', 'true');
      submit.disabled = true;
    }
  });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors();
    submit.disabled = true;
    try {
      const job = await api('/jobs', { method: 'POST', json: JSON.parse(json.value) });
      location.hash = '#/jobs/' + job.id;
    } catch (err) {
      showError(error, err);
      for (const { field: path, reason } of err.errors || []) {
        const box = fieldError(form, path) || jsonError;
        box.textContent = (box.textContent ? box.textContent + ' ' : '') + (box === jsonError ? path + ': ' : '') + reason;
        const input = box === jsonError ? json : form.querySelector(`[data-path="${CSS.escape(fieldOf(path))}"]`);
        input?.setAttribute('aria-invalid', 'true');
        box.closest('[hidden]')?.removeAttribute('hidden');
      }
      (form.querySelector('[aria-invalid="true"]') || error).focus?.();
    } finally {
      submit.disabled = false;
    }
  });
  fill();
  write();
}

/** The form field an error's path belongs to: encoder[1] → encoder. */
function fieldOf(path) {
  return path.replace(/\[\d+\].*$/, '');
}

function fieldError(form, path) {
  return form.querySelector(`.field-error[data-error-for="${CSS.escape(fieldOf(path))}"]`);
}

function field(path, label, input) {
  const errorId = 'e-' + path.replace(/\./g, '-');
  input.setAttribute('aria-describedby', errorId);
  const lab = h('label', { for: input.id }, label);
  return input.type === 'checkbox'
    ? h('div', { class: 'field' }, h('div', { class: 'row' }, input, lab),
      h('div', { class: 'field-error', id: errorId, 'data-error-for': path }))
    : h('div', { class: 'field' }, lab, input, h('div', { class: 'field-error', id: errorId, 'data-error-for': path }));
}
