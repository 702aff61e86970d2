package io.atelier.bridge.preview;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.protocol.ErrorCodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an input image for a preview without trusting it: the magic bytes must say PNG or JPEG, and the size in its
 * header must fit the pixel budget before a single pixel is decoded, so a tiny file claiming 60000x60000 costs nothing.
 */
final class PreviewImageDecoder {
    /** 4096 x 4096: the largest still a preview renders, and about 64 MB once decoded. */
    static final long MAX_PIXELS = 4096L * 4096L;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private PreviewImageDecoder() {
    }

    /**
     * @param field the param path named in errors, e.g. {@code images[0].base64}
     * @throws AtelierException {@code -32011} when not a PNG/JPEG or undecodable; {@code -32005} when over the budget
     */
    static BufferedImage decode(byte[] bytes, String field) {
        // Step 1: magic bytes, so no reader is even chosen for anything else (GIF, BMP, TIFF, SVG...).
        if (!startsWith(bytes, PNG_MAGIC) && !startsWith(bytes, JPEG_MAGIC)) {
            throw invalid(field, "The image is not a PNG or JPEG.");
        }
        // In memory: ImageIO's default stream would spill to a temp file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw invalid(field, "The image is not a PNG or JPEG.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Step 2: the header's size, read without decoding pixels.
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw invalid(field, "The image has no pixels.");
                }
                if (width * height > MAX_PIXELS) {
                    throw new AtelierException(ErrorCodes.TOO_LARGE, "The image is " + width + "x" + height
                            + "; a preview input may have at most " + MAX_PIXELS + " pixels.", field);
                }
                // Step 3: only now decode.
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AtelierException atelier) {
                throw atelier;
            }
            throw invalid(field, "The image could not be decoded.");
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

    private static AtelierException invalid(String field, String reason) {
        return new AtelierException(ErrorCodes.INVALID_IMAGE, reason, field);
    }
}
