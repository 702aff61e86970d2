"""Which size to ask the bridge for, and where on the canvas its result goes.

A model draws well only at the sizes it was trained at (`drawableSizes` in models.list: atelier-micro 128×128 only,
Stable Diffusion 1.x 512 on the short side). Asked for a whole A4 canvas it draws twin garments and holes. So the
docker picks the drawable size nearest the aspect ratio of the area it works on, sends that area scaled to it, and
scales the result back into the same area: a *region* of the document, in document pixels.
"""
from __future__ import annotations

import math
from typing import List, Tuple

from PyQt5.QtCore import Qt
from PyQt5.QtGui import QImage

Region = Tuple[int, int, int, int]  # x, y, width, height in document pixels (may reach past the canvas)

# Older bridges do not send drawableSizes: every model they serve draws its native square.
FALLBACK_SIZE = (128, 128)

# Around a selection, this much of its larger side on each side is sent as context, so the model sees what the
# regenerated part must join.
CONTEXT = 0.25


def nearest_size(sizes: List[Tuple[int, int]], width: int, height: int) -> Tuple[int, int]:
    """The size among `sizes` whose aspect ratio is nearest width:height (as log ratios); the first on a tie."""
    if not sizes:
        return FALLBACK_SIZE
    target = math.log(max(1, width) / max(1, height))
    return min(sizes, key=lambda s: abs(math.log(s[0] / s[1]) - target))


def inside(box: Region, size: Tuple[int, int]) -> Region:
    """The largest region of size's aspect ratio inside `box`, centred: where a whole result fits on the canvas."""
    x, y, w, h = box
    scale = min(w / size[0], h / size[1])
    rw, rh = max(1, round(size[0] * scale)), max(1, round(size[1] * scale))
    return x + (w - rw) // 2, y + (h - rh) // 2, rw, rh


def around(box: Region, size: Tuple[int, int], canvas: Tuple[int, int]) -> Region:
    """The smallest region of size's aspect ratio holding `box`, moved inside the canvas where it fits: the
    neighbourhood of a selection the model redraws."""
    x, y, w, h = box
    scale = max(w / size[0], h / size[1])
    rw, rh = max(1, math.ceil(size[0] * scale)), max(1, math.ceil(size[1] * scale))
    rx, ry = x - (rw - w) // 2, y - (rh - h) // 2
    rx = _within(rx, rw, canvas[0])
    ry = _within(ry, rh, canvas[1])
    return rx, ry, rw, rh


def _within(start: int, length: int, limit: int) -> int:
    if length >= limit:
        return (limit - length) // 2  # larger than the canvas: centred, the overflow shared
    return min(max(start, 0), limit - length)


def neighbourhood(bounds: Region, canvas: Tuple[int, int]) -> Region:
    """A selection's bounds grown by CONTEXT on each side, kept on the canvas."""
    x, y, w, h = bounds
    margin = round(CONTEXT * max(w, h))
    left, top = max(0, x - margin), max(0, y - margin)
    right, bottom = min(canvas[0], x + w + margin), min(canvas[1], y + h + margin)
    return left, top, max(1, right - left), max(1, bottom - top)


def region_for(kind: str, canvas: Tuple[int, int], selection_bounds, sizes: List[Tuple[int, int]]):
    """The region to work on and the size to ask for. A generation or a redraw fills the largest part of the canvas
    the result fits whole; a selection is redrawn in its neighbourhood at the model's full resolution, however small
    it is on the canvas."""
    if kind == "selection" and selection_bounds is not None:
        box = neighbourhood(selection_bounds, canvas)
        size = nearest_size(sizes, box[2], box[3])
        return around(box, size, canvas), size
    size = nearest_size(sizes, *canvas)
    return inside((0, 0, canvas[0], canvas[1]), size), size


def scaled(image: QImage, width: int, height: int) -> QImage:
    if image.width() == width and image.height() == height:
        return image
    return image.scaled(width, height, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
