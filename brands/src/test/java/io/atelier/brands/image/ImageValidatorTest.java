package io.atelier.brands.image;

import io.atelier.brands.InvalidImageException;
import io.atelier.brands.TestImages;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageValidatorTest {

    private final ImageValidator validator = new ImageValidator(1_000_000);

    @Test
    void png_and_jpeg_are_recognised_by_their_magic_bytes_with_their_size() {
        assertEquals(new ImageInfo("image/png", "png", 64, 32), validator.validate(TestImages.png(64, 32, 0xff0000), "image"));
        assertEquals(new ImageInfo("image/jpeg", "jpg", 40, 30), validator.validate(TestImages.jpeg(40, 30, 0x00ff00), "image"));
    }

    @Test
    void other_formats_are_refused_whatever_they_claim() {
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> validator.validate("GIF89a....".getBytes(), "image"));
        assertEquals("image", e.field());
        assertFalse(e.tooLarge());
        assertThrows(InvalidImageException.class, () -> validator.validate(new byte[0], "image"));
    }

    @Test
    void a_header_claiming_too_many_pixels_is_refused_before_any_decoding() {
        // 100000 × 100000 RGBA would need 40 GB decoded; the file has no pixel data at all, so only the header is read.
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> validator.validate(TestImages.pngHeaderOnly(100_000, 100_000), "image"));
        assertTrue(e.tooLarge());
        assertTrue(e.reason().contains("100000x100000"), e.reason());
    }

    @Test
    void a_truncated_image_is_refused_as_damaged() {
        byte[] png = TestImages.png(64, 64, 0x123456);
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> validator.validate(Arrays.copyOf(png, png.length / 2), "image"));
        assertFalse(e.tooLarge());
    }
}
