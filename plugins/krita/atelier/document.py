"""An adapter over the Krita document: what the plugin reads (layer pixels, selection) and writes (new layers).

`Document` is the base: it answers safe defaults (no document open), so the model and its tests run without Krita.
`KritaDocument` is the real one. Krita hands pixels as bytes in B,G,R,A order for 8-bit RGBA documents, which is
exactly QImage.Format_ARGB32's memory layout on little-endian machines, so no per-pixel Python loop is needed.
"""
from __future__ import annotations

import base64
import sys
from dataclasses import dataclass
from typing import List, Optional, Tuple

from PyQt5.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PyQt5.QtGui import QImage, QPainter


LAYER_TYPES = ("paintlayer", "grouplayer", "filllayer", "vectorlayer", "filelayer", "clonelayer")


class DocumentError(Exception):
    """Something the designer must change in the document before the action can run (a sentence for them)."""


@dataclass
class Mask:
    """A selection as a mask: one byte per document pixel, 255 = selected (regenerate), 0 = keep."""
    data: bytes
    width: int
    height: int
    bounds: Tuple[int, int, int, int]  # x, y, w, h of the selected area

    def grayscale(self) -> QImage:
        return QImage(self.data, self.width, self.height, self.width, QImage.Format_Grayscale8).copy()

    def alpha(self) -> QImage:
        return QImage(self.data, self.width, self.height, self.width, QImage.Format_Alpha8).copy()


class Document:
    """No document open: every read answers nothing, every write does nothing."""

    def is_open(self) -> bool:
        return False

    def size(self) -> Tuple[int, int]:
        return 0, 0

    def current_layer_name(self) -> str:
        return ""

    def current_layer_image(self) -> Optional[QImage]:
        return None

    def selection_mask(self) -> Optional[Mask]:
        return None

    def image(self) -> Optional[QImage]:
        """The whole document as shown (all visible layers)."""
        return None

    def add_layer(self, image: QImage, name: str, mask: Optional[Mask] = None,
                  region: Optional[Tuple[int, int, int, int]] = None) -> bool:
        """Adds `image` as a new layer, scaled into `region` (document pixels; the whole canvas when None), only
        where `mask` is selected when there is one."""
        return False

    def open_as_new_document(self, image: QImage, name: str) -> bool:
        return False

    def open_capsule(self, sheet: QImage, looks: List[QImage], name: str):
        """Opens a new document holding a capsule: the contact sheet on top, each look (its flats side by side) as a
        hidden layer below it, to show, move or export one by one. Needs no open document. Answers the new document
        (Krita's), or False outside Krita."""
        try:
            from krita import Krita
        except ImportError:
            return False
        instance = Krita.instance()
        document = instance.createDocument(sheet.width(), sheet.height(), name, "RGBA", "U8", "", 300.0)
        target = KritaDocument(document)
        for index, look in enumerate(looks):
            target.add_layer(look, f"Look {index + 1}", region=fit_width(look, sheet.width()))
            node = document.nodeByName(f"Look {index + 1}")
            if node is not None:
                node.setVisible(False)
        target.add_layer(sheet, "Contact sheet")
        window = instance.activeWindow()
        if window is not None:
            window.addView(document)
        return document

    def enlarge_with_layer(self, image: QImage, name: str) -> bool:
        """Scales the whole document to the image's size (its layers resampled) and adds the image as a new layer
        above the current one: an upscale placed where the designer works."""
        return False


class KritaDocument(Document):
    """A live Krita document (krita.Document)."""

    def __init__(self, document):
        self._doc = document

    def is_open(self) -> bool:
        return self._doc is not None

    def size(self) -> Tuple[int, int]:
        return self._doc.width(), self._doc.height()

    def _current_node(self):
        node = self._doc.activeNode()
        if node is None or node.type() not in LAYER_TYPES:
            # A document made by a script has no active node until a view selects one; masks (the global
            # selection's included) are not layers to read or to stack on: take the topmost layer then.
            layers = [n for n in self._doc.rootNode().childNodes() if n.type() in LAYER_TYPES]
            node = layers[-1] if layers else None
        return node

    def _check_format(self):
        if self._doc.colorModel() != "RGBA" or self._doc.colorDepth() != "U8":
            raise DocumentError("Atelier works on 8-bit RGB documents: convert this one with "
                                "Image › Convert Image Color Space (RGB/Alpha, 8-bit integer).")

    def current_layer_name(self) -> str:
        node = self._current_node()
        return node.name() if node is not None else ""

    def current_layer_image(self) -> Optional[QImage]:
        self._check_format()
        node = self._current_node()
        if node is None:
            return None
        width, height = self.size()
        return bgra_to_image(bytes(node.projectionPixelData(0, 0, width, height)), width, height)

    def selection_mask(self) -> Optional[Mask]:
        selection = self._doc.selection()
        if selection is None or selection.width() <= 0 or selection.height() <= 0:
            return None
        width, height = self.size()
        data = bytes(selection.pixelData(0, 0, width, height))
        bounds = (selection.x(), selection.y(), selection.width(), selection.height())
        return Mask(data, width, height, bounds)

    def image(self) -> Optional[QImage]:
        self._check_format()
        width, height = self.size()
        return bgra_to_image(bytes(self._doc.pixelData(0, 0, width, height)), width, height)

    def add_layer(self, image: QImage, name: str, mask: Optional[Mask] = None,
                  region: Optional[Tuple[int, int, int, int]] = None) -> bool:
        self._check_format()
        width, height = self.size()
        placed = place(image, width, height, region)
        if mask is not None:
            placed = masked(placed, mask)
        node = self._doc.createNode(name, "paintlayer")
        node.setPixelData(QByteArray(image_to_bgra(placed)), 0, 0, width, height)
        current = self._current_node()
        parent = current.parentNode() if current is not None and current.parentNode() else self._doc.rootNode()
        parent.addChildNode(node, current)  # above the current layer, as Krita's own "new layer" does
        self._doc.setActiveNode(node)
        self._doc.refreshProjection()
        return True


    def enlarge_with_layer(self, image: QImage, name: str) -> bool:
        self._check_format()
        width, height = self.size()
        factor = image.width() / width
        # Resolution grows with the pixels, so the print size stays the same: that is what an upscale is for.
        self._doc.scaleImage(image.width(), image.height(), int(self._doc.xRes() * factor),
                             int(self._doc.yRes() * factor), "Bicubic")
        self._doc.waitForDone()
        return self.add_layer(image, name)

    def open_as_new_document(self, image: QImage, name: str) -> bool:
        from krita import Krita
        instance = Krita.instance()
        document = instance.createDocument(image.width(), image.height(), name, "RGBA", "U8", "", 300.0)
        KritaDocument(document).add_layer(image, name)
        window = instance.activeWindow()
        if window is not None:
            window.addView(document)
        return True


def active_document() -> Document:
    """The document in Krita's active window, or the empty base when none is open (or outside Krita)."""
    try:
        from krita import Krita
        document = Krita.instance().activeDocument()
    except (ImportError, AttributeError):
        return Document()
    return KritaDocument(document) if document is not None else Document()


# ---- pixel conversions (pure Qt, tested outside Krita) ---------------------------------------------------------

def bgra_to_image(data: bytes, width: int, height: int) -> QImage:
    if sys.byteorder != "little":  # pragma: no cover - Krita's supported platforms are all little-endian
        raise DocumentError("big-endian machines are not supported")
    return QImage(data, width, height, width * 4, QImage.Format_ARGB32).copy()


def image_to_bgra(image: QImage) -> bytes:
    argb = image.convertToFormat(QImage.Format_ARGB32)
    bits = argb.constBits()
    bits.setsize(argb.sizeInBytes())
    return bytes(bits)


def place(image: QImage, width: int, height: int, region: Optional[Tuple[int, int, int, int]] = None) -> QImage:
    """A width × height layer holding `image` scaled smoothly into `region` (the whole of it when None), transparent
    elsewhere; what falls outside the canvas is cut."""
    x, y, w, h = region if region is not None else (0, 0, width, height)
    if (x, y, w, h) == (0, 0, width, height) and image.width() == width and image.height() == height:
        return image.convertToFormat(QImage.Format_ARGB32)
    result = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    result.fill(Qt.transparent)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.SmoothPixmapTransform)
    painter.drawImage(QRect(x, y, w, h), image.scaled(w, h, Qt.IgnoreAspectRatio, Qt.SmoothTransformation))
    painter.end()
    return result.convertToFormat(QImage.Format_ARGB32)


def masked(image: QImage, mask: Mask) -> QImage:
    """The image made transparent wherever the mask is not selected, so that only selected pixels change."""
    result = image.convertToFormat(QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(result)
    painter.setCompositionMode(QPainter.CompositionMode_DestinationIn)
    painter.drawImage(0, 0, mask.alpha())
    painter.end()
    return result.convertToFormat(QImage.Format_ARGB32)


def on_white(image: QImage) -> QImage:
    """The image composited over white paper, opaque."""
    if not image.hasAlphaChannel():
        return image
    paper = QImage(image.width(), image.height(), QImage.Format_ARGB32)
    paper.fill(Qt.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def image_to_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def png_base64(image: QImage) -> str:
    return base64.b64encode(image_to_png(image)).decode("ascii")


def image_from_png(data: bytes) -> QImage:
    image = QImage.fromData(data, "PNG")
    if image.isNull():
        raise DocumentError("The bridge sent an image that could not be read.")
    return image.convertToFormat(QImage.Format_ARGB32)


def look_strip(flats: List[QImage]) -> QImage:
    """A look's flats side by side, left to right, on a transparent strip as tall as the tallest."""
    width = sum(f.width() for f in flats)
    height = max((f.height() for f in flats), default=1)
    strip = QImage(max(1, width), height, QImage.Format_ARGB32_Premultiplied)
    strip.fill(Qt.transparent)
    painter = QPainter(strip)
    x = 0
    for flat in flats:
        painter.drawImage(x, 0, flat)
        x += flat.width()
    painter.end()
    return strip.convertToFormat(QImage.Format_ARGB32)


def fit_width(image: QImage, width: int) -> Tuple[int, int, int, int]:
    """Where an image goes at the top left of a document `width` wide: as it is, or scaled down to the width."""
    scale = min(1.0, width / max(1, image.width()))
    return 0, 0, max(1, round(image.width() * scale)), max(1, round(image.height() * scale))


def crop(image: QImage, bounds: Tuple[int, int, int, int]) -> QImage:
    """The pixels inside bounds; any part past the image is transparent."""
    x, y, w, h = bounds
    return image.copy(x, y, w, h)
