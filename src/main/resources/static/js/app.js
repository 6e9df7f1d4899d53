// The dashboard: a hash router over the pages, each a function (main element, route parameters) that may
// return a clean-up function (event streams to close, timers to stop) called when the page is left.

import { apiKey, setApiKey } from './api.js';
import { datasetsPage, datasetPage } from './datasets.js';
import { trainPage } from './train.js';
import { jobsPage, jobPage } from './jobs.js';
import { modelsPage, modelPage } from './models.js';
import { h } from './dom.js';

const routes = [
  [/^#\/datasets\/([\w-]+)$/, datasetPage, 'datasets'],
  [/^#\/datasets$/, datasetsPage, 'datasets'],
  [/^#\/train(?:\?dataset=([\w-]+))?$/, trainPage, 'train'],
  [/^#\/jobs\/([\w-]+)$/, jobPage, 'jobs'],
  [/^#\/jobs$/, jobsPage, 'jobs'],
  [/^#\/models\/([\w-]+)$/, modelPage, 'models'],
  [/^#\/models$/, modelsPage, 'models'],
];

const view = document.getElementById('view');
let leave = null;
let visit = 0;

function route() {
  const hash = location.hash || '#/datasets';
  if (leave) {
    leave();
    leave = null;
  }
  view.replaceChildren();
  const match = routes.map(([re, page, nav]) => [hash.match(re), page, nav]).find(([m]) => m);
  for (const a of document.querySelectorAll('nav a')) {
    a.toggleAttribute('aria-current', false);
  }
  if (!match) {
    view.append(h('h1', {}, 'Not found'), h('p', {}, 'No page here. ', h('a', { href: '#/datasets' }, 'Datasets')));
    return;
  }
  const [m, page, nav] = match;
  document.querySelector(`nav a[data-nav="${nav}"]`)?.setAttribute('aria-current', 'page');
  const token = ++visit;
  Promise.resolve(page(view, ...m.slice(1))).then(cleanup => {
    if (typeof cleanup !== 'function') return;
    if (token === visit) leave = cleanup; else cleanup();   // the page was left before it was ready
  });
}

const keyInput = document.getElementById('api-key');
keyInput.value = apiKey();
document.getElementById('key-form').addEventListener('submit', e => {
  e.preventDefault();
  setApiKey(keyInput.value.trim());
  route();
});

window.addEventListener('hashchange', () => {
  route();
  view.focus({ preventScroll: true });
});
route();
