package io.atelier.bridge.images;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.protocol.ErrorCodes;
import java.nio.ByteBuffer;

/**
 * Width and height from a PNG's IHDR chunk, read without decoding any pixel, so an oversized image is refused before
 * it costs memory.
 *
 * @param width pixels
 * @param height pixels
 */
public record PngHeader(int width, int height) {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public static PngHeader read(byte[] png) {
        // Step 1: 8-byte signature, then the first chunk must be IHDR (length 13) holding width and height.
        if (png == null || png.length < 24) {
            throw notPng();
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png[i] != SIGNATURE[i]) {
                throw notPng();
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(png);
        if (buffer.getInt(8) != 13 || buffer.get(12) != 'I' || buffer.get(13) != 'H' || buffer.get(14) != 'D'
                || buffer.get(15) != 'R') {
            throw notPng();
        }
        int width = buffer.getInt(16);
        int height = buffer.getInt(20);
        if (width <= 0 || height <= 0) {
            throw notPng();
        }
        return new PngHeader(width, height);
    }

    private static AtelierException notPng() {
        return new AtelierException(ErrorCodes.INVALID_IMAGE, "The image is not a PNG.");
    }
}
