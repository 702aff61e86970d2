// Pixels in the browser: PNG bytes to canvases and back, cropping, scaling, masks. No Photopea, no bridge.
"use strict";

function canvasOf(width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** PNG bytes (ArrayBuffer or Blob) to a canvas holding them. */
async function canvasFromPng(bytes) {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes], { type: "image/png" });
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (e) {
    throw new DocumentError("An image could not be read (it is not a PNG the browser can decode).");
  }
  const canvas = canvasOf(bitmap.width, bitmap.height);
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

/** `rect` of `source` drawn into a new width × height canvas (stretched), over `background` when given. */
function resampled(source, rect, width, height, background) {
  const canvas = canvasOf(width, height);
  const g = canvas.getContext("2d");
  g.imageSmoothingQuality = "high";
  if (background) {
    g.fillStyle = background;
    g.fillRect(0, 0, width, height);
  }
  const r = rect || { x: 0, y: 0, w: source.width, h: source.height };
  g.drawImage(source, r.x, r.y, r.w, r.h, 0, 0, width, height);
  return canvas;
}

/** The picture made transparent where the mask (same size; white = keep the new pixels) is black. */
function maskedBy(picture, mask) {
  const g = picture.getContext("2d");
  const pixels = g.getImageData(0, 0, picture.width, picture.height);
  const m = mask.getContext("2d").getImageData(0, 0, mask.width, mask.height).data;
  for (let i = 0; i < pixels.data.length; i += 4) {
    // The mask's grey level is the new pixels' share; a hard selection gives 0 or 255.
    pixels.data[i + 3] = Math.round(pixels.data[i + 3] * m[i] / 255);
  }
  g.putImageData(pixels, 0, 0);
  return picture;
}

/** The smallest rectangle holding every pixel that is not fully transparent ({x:0,y:0,w:0,h:0} when none). */
function opaqueBounds(canvas) {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let left = canvas.width, top = canvas.height, right = -1, bottom = -1;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      if (data[(y * canvas.width + x) * 4 + 3] !== 0) {
        left = Math.min(left, x); right = Math.max(right, x);
        top = Math.min(top, y); bottom = Math.max(bottom, y);
      }
    }
  }
  return right < 0 ? { x: 0, y: 0, w: 0, h: 0 } : { x: left, y: top, w: right - left + 1, h: bottom - top + 1 };
}

/** A canvas as base64 PNG, without the data-URL prefix (the protocol's ImageInput.base64). */
function pngBase64(canvas) {
  return canvas.toDataURL("image/png").substring("data:image/png;base64,".length);
}

/** `picture` drawn whole and unstretched in the middle of a canvas of `box`'s size (transparent around it). */
function contained(picture, box) {
  const inside = containRect(picture.width, picture.height, box.w, box.h);
  const layer = canvasOf(box.w, box.h);
  layer.getContext("2d").drawImage(picture, inside.x, inside.y, inside.w, inside.h);
  return layer;
}

/** Pictures side by side, left to right, on a transparent canvas as tall as the tallest: a capsule's look. */
function sideBySide(pictures) {
  const width = pictures.reduce((sum, p) => sum + p.width, 0);
  const height = pictures.reduce((most, p) => Math.max(most, p.height), 1);
  const strip = canvasOf(Math.max(1, width), height);
  let x = 0;
  for (const picture of pictures) {
    strip.getContext("2d").drawImage(picture, x, 0);
    x += picture.width;
  }
  return strip;
}
