"""Which size to ask the bridge for, and scaling the pixels sent to it."""
from __future__ import annotations

from typing import Tuple

from PyQt5.QtCore import Qt
from PyQt5.QtGui import QImage

# Diffusion UNets halve the latent three times and the VAE scales by 8: 64 px suits every model family the engine
# loads (models.list does not say a model's own multiple).
SIZE_MULTIPLE = 64


def generation_size(width: int, height: int, native: int) -> Tuple[int, int]:
    """The size to ask for: about the document's proportions, at most twice the model's native size on the long side
    (larger is slow and off the model's training), in multiples of SIZE_MULTIPLE. Results are fitted to the document
    on Apply."""
    limit = 2 * native if native > 0 else 1024
    scale = min(1.0, limit / max(width, height, 1))
    return tuple(max(SIZE_MULTIPLE, int(round(v * scale / SIZE_MULTIPLE)) * SIZE_MULTIPLE) for v in (width, height))


def scaled(image: QImage, width: int, height: int) -> QImage:
    if image.width() == width and image.height() == height:
        return image
    return image.scaled(width, height, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
