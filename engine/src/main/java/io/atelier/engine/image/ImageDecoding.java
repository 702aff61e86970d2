package io.atelier.engine.image;

import io.atelier.engine.ImageTooLargeException;
import io.atelier.engine.InvalidImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Untrusted image bytes to pixels, safely: the format is recognised from its magic bytes (PNG or JPEG only) and the
 * pixel count is read from the header (no pixel decoded) and checked against the limit before anything is decoded.
 */
public final class ImageDecoding {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    static {
        // No temporary files for image streams: everything here is in memory.
        ImageIO.setUseCache(false);
    }

    private ImageDecoding() {
    }

    /** The format name ImageIO knows ("png" or "jpeg"), from the magic bytes. */
    public static String formatOf(byte[] bytes, String field) {
        if (startsWith(bytes, PNG_MAGIC)) {
            return "png";
        }
        if (startsWith(bytes, JPEG_MAGIC)) {
            return "jpeg";
        }
        throw new InvalidImageException(field, field + " is not a PNG or JPEG image");
    }

    /**
     * Decodes PNG or JPEG bytes.
     *
     * @param field the request field, named in errors
     * @param maxPixels the largest width x height accepted
     * @throws InvalidImageException not a PNG/JPEG, or undecodable
     * @throws ImageTooLargeException the header declares more than {@code maxPixels} pixels
     */
    public static BufferedImage decode(byte[] bytes, String field, long maxPixels) {
        String format = formatOf(bytes, field);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            // Step 1: the header only.
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new InvalidImageException(field, field + " declares an empty image");
            }
            if (width * height > maxPixels) {
                throw new ImageTooLargeException(field, field + " is " + width + "x" + height + ", over the limit of "
                        + maxPixels + " pixels");
            }
            // Step 2: the pixels.
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException || e instanceof ImageTooLargeException) {
                throw (RuntimeException) e;
            }
            throw new InvalidImageException(field, field + " cannot be decoded as " + format.toUpperCase());
        } finally {
            reader.dispose();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes == null || bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
