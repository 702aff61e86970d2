package io.atelier.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.ImageTooLargeException;
import io.atelier.engine.InvalidImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecodingTest {
    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A PNG made of the signature and an IHDR chunk only: a header declaring a size, with no pixel data at all. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    @Test
    void png_and_jpeg_decode() throws IOException {
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        assertEquals(24, ImageDecoding.decode(encode(image, "png"), "initImage", 1000).getWidth());
        assertEquals(16, ImageDecoding.decode(encode(image, "jpeg"), "initImage", 1000).getHeight());
    }

    @Test
    void other_formats_are_refused_from_their_magic_bytes() throws IOException {
        byte[] gif = encode(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "gif");
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> ImageDecoding.decode(gif, "initImage", 1000));
        assertEquals("initImage", e.field());
        assertThrows(InvalidImageException.class, () -> ImageDecoding.decode("hello".getBytes(), "mask", 1000));
    }

    @Test
    void a_header_declaring_too_many_pixels_is_refused_before_decoding() {
        // No pixel data follows the header: a decode attempt would fail as invalid, so "too large" proves the
        // check happened on the header alone.
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> ImageDecoding.decode(pngHeaderOnly(100_000, 100_000), "initImage", 16_000_000));
        assertEquals("initImage", e.field());
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
        assertThrows(InvalidImageException.class,
                () -> ImageDecoding.decode(pngHeaderOnly(10, 10), "initImage", 16_000_000));
    }

    @Test
    void a_truncated_jpeg_is_an_invalid_image() throws IOException {
        byte[] jpeg = encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg");
        byte[] truncated = Arrays.copyOf(jpeg, 40);
        assertThrows(InvalidImageException.class, () -> ImageDecoding.decode(truncated, "initImage", 1_000_000));
    }
}
