// Image-shaped rows (a perfect-square width such as 784) drawn as grey-scale pictures on a canvas.

/** The side of a square image whose pixels are a row of width columns, or 0 when it is not one. */
export function imageSide(width) {
  const side = Math.round(Math.sqrt(width));
  return side >= 4 && side * side === width ? side : 0;
}

/** The smallest and largest finite value over every row given, so that all grids share one grey scale. */
export function range(...rowSets) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const rows of rowSets) {
    for (const row of rows) {
      for (const v of row) {
        if (typeof v === 'number' && Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * Draws rows (each side × side values) as a grid of columns images per line on a new canvas, scale screen
 * pixels per image pixel; values between lo and hi map to black..white.
 */
export function imageGrid(rows, side, { columns = rows.length, scale = 2, lo = 0, hi = 1, label = '' } = {}) {
  const gap = 2;
  const lines = Math.ceil(rows.length / columns);
  const canvas = document.createElement('canvas');
  canvas.className = 'grid-img';
  canvas.width = columns * (side + gap) - gap;
  canvas.height = lines * (side + gap) - gap;
  canvas.style.width = canvas.width * scale + 'px';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label || `${rows.length} images of ${side}×${side} pixels`);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#445';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const span = hi > lo ? hi - lo : 1;
  rows.forEach((row, i) => {
    const image = ctx.createImageData(side, side);
    for (let p = 0; p < side * side; p++) {
      const v = Math.max(0, Math.min(255, Math.round(((row[p] ?? lo) - lo) / span * 255)));
      image.data[4 * p] = image.data[4 * p + 1] = image.data[4 * p + 2] = v;
      image.data[4 * p + 3] = 255;
    }
    ctx.putImageData(image, (i % columns) * (side + gap), Math.floor(i / columns) * (side + gap));
  });
  return canvas;
}
