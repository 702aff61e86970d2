"""Pixel plumbing between Krita's BGRA bytes, QImage and PNG, outside Krita."""
from PyQt5.QtGui import QColor, QImage

from atelier.document import (Document, Mask, bgra_to_image, image_from_png, place, image_to_bgra, image_to_png,
                              masked)


def test_krita_bgra_bytes_read_as_the_right_colours(qapp):
    # one pure red pixel, half-transparent, as Krita hands it: B, G, R, A
    image = bgra_to_image(bytes([0, 0, 255, 128]), 1, 1)
    colour = image.pixelColor(0, 0)
    assert (colour.red(), colour.green(), colour.blue(), colour.alpha()) == (255, 0, 0, 128)


def test_bgra_round_trip_is_lossless(qapp):
    data = bytes(range(256)) * 4  # 16x16 pixels, every byte value
    assert image_to_bgra(bgra_to_image(data, 16, 16)) == data


def test_png_round_trip_keeps_pixels(qapp):
    image = QImage(8, 8, QImage.Format_ARGB32)
    image.fill(QColor(10, 200, 30, 255))
    assert image_to_bgra(image_from_png(image_to_png(image))) == image_to_bgra(image)


def test_masked_result_is_transparent_outside_the_selection_and_intact_inside(qapp):
    image = QImage(4, 1, QImage.Format_ARGB32)
    image.fill(QColor(200, 100, 50))
    mask = Mask(bytes([0, 255, 255, 0]), 4, 1, (1, 0, 2, 1))
    result = masked(image, mask)
    alphas = [result.pixelColor(x, 0).alpha() for x in range(4)]
    assert alphas == [0, 255, 255, 0]
    assert result.pixelColor(1, 0).getRgb()[:3] == (200, 100, 50)


def test_results_of_another_size_are_placed_scaled_into_their_region(qapp):
    image = QImage(64, 64, QImage.Format_ARGB32)
    image.fill(QColor("#ff0000"))
    whole = place(image, 128, 96)
    assert (whole.width(), whole.height()) == (128, 96) and whole.pixelColor(127, 95).alpha() == 255
    square = place(image, 128, 96, (16, 0, 96, 96))
    assert square.pixelColor(8, 48).alpha() == 0 and square.pixelColor(120, 48).alpha() == 0
    assert square.pixelColor(64, 48).getRgb() == (255, 0, 0, 255)


def test_the_base_document_answers_safe_defaults():
    document = Document()
    assert not document.is_open()
    assert document.current_layer_image() is None and document.selection_mask() is None
    assert document.add_layer(QImage(), "x") is False


def test_a_selection_mask_becomes_a_grayscale_png_of_the_document_size(qapp):
    mask = Mask(bytes([0, 255] * 8), 4, 4, (1, 0, 1, 4))
    image = image_from_png(image_to_png(mask.grayscale()))
    assert (image.width(), image.height()) == (4, 4)
    assert image.pixelColor(1, 0).red() == 255 and image.pixelColor(0, 0).red() == 0


def test_layers_are_sent_on_white_paper(qapp):
    from atelier.document import on_white
    image = QImage(2, 1, QImage.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    image.setPixelColor(1, 0, QColor(255, 0, 0, 255))
    flat = on_white(image)
    assert flat.pixelColor(0, 0).getRgb() == (255, 255, 255, 255)
    assert flat.pixelColor(1, 0).getRgb() == (255, 0, 0, 255)
