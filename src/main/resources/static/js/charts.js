// Charts drawn by uPlot (the WebJar the page loads as the global uPlot): line charts, histograms, scatter maps.

export const PALETTE = ['#2456c9', '#d1495b', '#1c9c5b', '#e09f1f', '#7b4fc9', '#1ba3b8', '#c2417f', '#6b7a1a',
  '#8c5a3c', '#4a5670'];

const charts = new Set();
let observer = null;

/** Every chart follows its container's width (the page reflows from phone to desktop widths). */
function track(chart) {
  charts.add(chart);
  if (!observer) {
    observer = new ResizeObserver(() => {
      for (const c of charts) {
        if (!c.root.isConnected) {
          charts.delete(c);
          c.destroy();
        } else {
          const width = Math.max(200, c.root.parentElement.clientWidth);
          if (Math.abs(width - c.width) > 2) c.setSize({ width, height: c.height });
        }
      }
    });
    observer.observe(document.body);
  }
  return chart;
}

function width(el) {
  return Math.max(200, el.clientWidth || el.parentElement.clientWidth || 600);
}

/**
 * Line chart: x values and series [{label, values, dash?}]. An existing chart on el with the same series
 * is updated in place (live curves), else the element's chart is replaced.
 */
export function lineChart(el, { x, series, xLabel = 'epoch', yLabel = 'loss', height = 260, log = false }) {
  const data = [x, ...series.map(s => s.values)];
  const labels = series.map(s => s.label).join('|');
  if (el._chart && el._labels === labels) {
    el._chart.setData(data);
    return el._chart;
  }
  el._chart?.destroy();
  el.replaceChildren();
  const chart = new uPlot({
    width: width(el), height,
    scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
    axes: [{ label: xLabel }, { label: yLabel, size: 60 }],
    series: [{ label: xLabel }, ...series.map((s, i) => ({
      label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2, dash: s.dash,
      points: { show: x.length < 60, size: 5 },
    }))],
  }, data, el);
  el._chart = chart;
  el._labels = labels;
  return track(chart);
}

/**
 * Histogram from bins [{from, to, count}]; marker, when given, is a vertical line {x, label} (a threshold).
 */
export function histogram(el, { bins, height = 120, xLabel = '', marker = null, compact = false }) {
  el._chart?.destroy();
  el.replaceChildren();
  const x = bins.map(b => (b.from + b.to) / 2);
  const counts = bins.map(b => b.count);
  const markerHook = marker && {
    draw: [u => {
      const px = u.valToPos(marker.x, 'x', true);
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#b3261e';
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(px, u.bbox.top);
      ctx.lineTo(px, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    }],
  };
  const lo = bins.length ? Math.min(bins[0].from, marker ? marker.x : Infinity) : 0;
  const hi = bins.length ? Math.max(bins[bins.length - 1].to, marker ? marker.x : -Infinity) : 1;
  const pad = hi > lo ? (hi - lo) * 0.02 : 0.5;
  const chart = new uPlot({
    width: compact ? 220 : width(el), height,
    legend: { show: !compact },
    cursor: { show: !compact },
    scales: { x: { time: false, range: [lo - pad, hi + pad] }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: compact ? [{ show: false }, { show: false }] : [{ label: xLabel }, { label: 'rows', size: 55 }],
    series: [{ label: xLabel || 'value' }, {
      label: 'rows', fill: '#2456c955', stroke: '#2456c9',
      paths: uPlot.paths.bars({ size: [1, Infinity], align: 0 }), points: { show: false },
    }],
    hooks: markerHook || {},
  }, [x, counts], el);
  el._chart = chart;
  return compact ? chart : track(chart);
}

/**
 * Scatter map of points [[x, y]]; groups (one label per point, or null) colour them, one legend entry each.
 */
export function scatter(el, { points, groups, height = 420, xLabel = 'PC 1', yLabel = 'PC 2' }) {
  el._chart?.destroy();
  el.replaceChildren();
  const order = points.map((_, i) => i).sort((a, b) => points[a][0] - points[b][0]);
  const xs = order.map(i => points[i][0]);
  const names = groups ? [...new Set(groups)].sort(naturalOrder) : ['rows'];
  const index = new Map(names.map((n, i) => [n, i]));
  const ys = names.map(() => new Array(order.length).fill(null));
  order.forEach((p, j) => {
    ys[groups ? index.get(groups[p]) : 0][j] = points[p][1];
  });
  const chart = new uPlot({
    width: width(el), height,
    scales: { x: { time: false } },
    axes: [{ label: xLabel }, { label: yLabel, size: 55 }],
    cursor: { points: { show: false } },
    series: [{ label: xLabel }, ...names.map((n, i) => ({
      label: String(n), stroke: PALETTE[i % PALETTE.length], fill: PALETTE[i % PALETTE.length],
      paths: () => null, points: { show: true, space: 0, size: 5, fill: PALETTE[i % PALETTE.length] },
    }))],
  }, [xs, ...ys], el);
  el._chart = chart;
  return track(chart);
}

function naturalOrder(a, b) {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : String(a).localeCompare(String(b));
}
