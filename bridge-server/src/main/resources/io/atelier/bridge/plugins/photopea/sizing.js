// Which size to ask the model for, and where its pixels go back. The rule both plugins follow: among the sizes the
// model draws well (models.list's drawableSizes, first = native; nativeWidth × nativeHeight from bridges without
// it), pick the one whose aspect ratio is nearest the target box by |log(w/h) − log(W/H)|, generate at it, then
// scale the result to fit the box keeping its aspect (contain, centred).
"use strict";

/** The sizes a model draws well, as [{width, height}], never empty for a model with a native size. */
function drawableSizes(model) {
  if (model && Array.isArray(model.drawableSizes) && model.drawableSizes.length) {
    return model.drawableSizes;
  }
  const w = (model && model.nativeWidth) || 512;
  const h = (model && model.nativeHeight) || w;
  return [{ width: w, height: h }];
}

/** The drawable size whose aspect ratio is nearest W/H (the first one on a tie). */
function nearestDrawable(sizes, boxWidth, boxHeight) {
  const target = Math.log(boxWidth / boxHeight);
  let best = sizes[0];
  let bestDistance = Infinity;
  for (const size of sizes) {
    const distance = Math.abs(Math.log(size.width / size.height) - target);
    if (distance < bestDistance) {
      best = size;
      bestDistance = distance;
    }
  }
  return best;
}

/** Where a w × h image lands inside a box of boxWidth × boxHeight when fitted whole (contain, centred). */
function containRect(w, h, boxWidth, boxHeight) {
  const scale = Math.min(boxWidth / w, boxHeight / h);
  const fw = Math.max(1, Math.round(w * scale));
  const fh = Math.max(1, Math.round(h * scale));
  return { x: Math.round((boxWidth - fw) / 2), y: Math.round((boxHeight - fh) / 2), w: fw, h: fh };
}

// Around a selection, this much of its larger side on each side is sent as context, so that the model sees what the
// regenerated part must join (the Krita docker's sizing.CONTEXT).
const SELECTION_CONTEXT = 0.25;

/**
 * The part of the document to regenerate a selection in, and the size to draw it at, as the Krita docker does
 * (plugins/krita/atelier/sizing.py, region_for): the selection grown by SELECTION_CONTEXT on each side and kept on the
 * canvas; then the smallest region of the drawing size's aspect ratio holding that, moved inside the canvas where it
 * fits (centred, reaching past both edges, where it does not). So scaling there and back distorts nothing, and a small
 * selection on a large canvas is drawn at the model's full resolution. `selection` is [left, top, right, bottom].
 */
function selectionNeighbourhood(selection, docWidth, docHeight, sizes) {
  const [left, top, right, bottom] = selection;
  const margin = Math.round(SELECTION_CONTEXT * Math.max(right - left, bottom - top));
  const x0 = Math.max(0, left - margin);
  const y0 = Math.max(0, top - margin);
  const w0 = Math.max(1, Math.min(docWidth, right + margin) - x0);
  const h0 = Math.max(1, Math.min(docHeight, bottom + margin) - y0);
  const size = nearestDrawable(sizes, w0, h0);
  const scale = Math.max(w0 / size.width, h0 / size.height);
  const w = Math.max(1, Math.ceil(size.width * scale));
  const h = Math.max(1, Math.ceil(size.height * scale));
  const within = (start, length, limit) => (length >= limit ? Math.floor((limit - length) / 2)
    : Math.min(Math.max(start, 0), limit - length));
  const x = within(x0 - Math.floor((w - w0) / 2), w, docWidth);
  const y = within(y0 - Math.floor((h - h0) / 2), h, docHeight);
  return { box: { x, y, w, h }, size };
}
