"""An IN-MEMORY document for model tests outside Krita (Krita itself is exercised by test-in-krita.sh): one layer
image, an optional selection mask, and the layers added to it."""
from PyQt5.QtGui import QColor, QImage

from atelier.document import Document, Mask, masked, place


class MemoryDocument(Document):
    def __init__(self, width=128, height=128, colour="#336699"):
        self.layer = QImage(width, height, QImage.Format_ARGB32)
        self.layer.fill(QColor(colour))
        self.selection = None
        self.added = []  # (name, image as placed)
        self.capsules = []  # (name, contact sheet, look strips)

    def is_open(self):
        return True

    def size(self):
        return self.layer.width(), self.layer.height()

    def current_layer_image(self):
        return self.layer.copy()

    def selection_mask(self):
        return self.selection

    def select_rect(self, x, y, w, h):
        width, height = self.size()
        data = bytearray(width * height)
        for row in range(y, y + h):
            data[row * width + x:row * width + x + w] = b"\xff" * w
        self.selection = Mask(bytes(data), width, height, (x, y, w, h))

    def open_capsule(self, sheet, looks, name):
        self.capsules.append((name, sheet, looks))
        return True

    def enlarge_with_layer(self, image, name):
        self.layer = self.layer.scaled(image.width(), image.height())
        return self.add_layer(image, name)

    def add_layer(self, image, name, mask=None, region=None):
        placed = place(image, *self.size(), region)
        self.added.append((name, masked(placed, mask) if mask is not None else placed))
        return True
