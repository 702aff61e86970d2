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

/**
 * The part of the document to regenerate a selection in: the selection with a margin of context around it (the
 * model needs to see what surrounds the hole), grown to the aspect ratio of the size it will be drawn at so that
 * scaling there and back distorts nothing, and kept inside the document. `selection` is [left, top, right, bottom].
 */
function selectionNeighbourhood(selection, docWidth, docHeight, sizes, margin) {
  const [left, top, right, bottom] = selection;
  const pad = Math.round((margin === undefined ? 0.25 : margin) * Math.max(right - left, bottom - top));
  let w = Math.min(docWidth, right - left + 2 * pad);
  let h = Math.min(docHeight, bottom - top + 2 * pad);
  const size = nearestDrawable(sizes, w, h);
  const aspect = size.width / size.height;
  if (w / h < aspect) {
    w = Math.min(docWidth, Math.round(h * aspect));
  } else {
    h = Math.min(docHeight, Math.round(w / aspect));
  }
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const x = Math.max(0, Math.min(docWidth - w, Math.round(cx - w / 2)));
  const y = Math.max(0, Math.min(docHeight - h, Math.round(cy - h / 2)));
  return { box: { x, y, w, h }, size };
}
