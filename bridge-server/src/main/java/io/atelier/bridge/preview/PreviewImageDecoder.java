package io.atelier.bridge.preview;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.engine.ImageTooLargeException;
import io.atelier.engine.InvalidImageException;
import io.atelier.engine.image.ImageDecoding;
import io.atelier.protocol.ErrorCodes;
import java.awt.image.BufferedImage;

/**
 * Decodes an input image for a preview without trusting it, with the engine's rules: the magic bytes must say PNG or
 * JPEG, and the size in its header must fit the pixel budget before a single pixel is decoded, so a tiny file claiming
 * 60000x60000 costs nothing.
 */
final class PreviewImageDecoder {
    /** 4096 x 4096: the largest still a preview renders, and about 64 MB once decoded. */
    static final long MAX_PIXELS = 4096L * 4096L;

    private PreviewImageDecoder() {
    }

    /**
     * @param field the param path named in errors, e.g. {@code images[0].base64}
     * @throws AtelierException {@code -32011} when not a PNG/JPEG or undecodable; {@code -32005} when over the budget
     */
    static BufferedImage decode(byte[] bytes, String field) {
        try {
            return ImageDecoding.decode(bytes, field, MAX_PIXELS);
        } catch (ImageTooLargeException e) {
            throw new AtelierException(ErrorCodes.TOO_LARGE, e.getMessage(), field);
        } catch (InvalidImageException e) {
            throw new AtelierException(ErrorCodes.INVALID_IMAGE, e.getMessage(), field);
        }
    }
}
