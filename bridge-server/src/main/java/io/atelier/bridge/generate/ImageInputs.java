package io.atelier.bridge.generate;

import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.engine.image.ImageDecoding;
import io.atelier.protocol.ImageInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * {@code initImage} and {@code mask} params to pixels: a stored image the caller may see (another brand's, or another
 * token's brand-less one, reads as not found), or base64 bytes; both decoded by the engine's safe decoder (format from the magic bytes, pixel count
 * from the header before any pixel is decoded).
 */
final class ImageInputs {
    private final ImageStore images;

    ImageInputs(ImageStore images) {
        this.images = images;
    }

    /** @return null when {@code input} is null */
    InputImage read(ImageInput input, String field, Caller caller, long maxPixels) {
        if (input == null) {
            return null;
        }
        if ((input.id() == null) == (input.base64() == null)) {
            throw AtelierException.invalidParams(field, "Give " + field + " either as {id} or as {base64}.");
        }
        byte[] bytes;
        String storedId = null;
        if (input.id() != null) {
            bytes = images.find(input.id(), caller)
                    .orElseThrow(() -> new AtelierException(io.atelier.protocol.ErrorCodes.NOT_FOUND,
                            "No image with this id.", field + ".id"))
                    .png();
            storedId = input.id();
        } else {
            try {
                bytes = Base64.getDecoder().decode(input.base64());
            } catch (IllegalArgumentException e) {
                throw AtelierException.invalidParams(field + ".base64", field + " is not valid base64.");
            }
        }
        try {
            return new InputImage(ImageDecoding.decode(bytes, field, maxPixels), bytes, storedId);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * Stores an input given as base64 (as PNG: a JPEG is re-encoded losslessly from its decoded pixels) so that the
     * history record can name it by id; returns the id of an input that was already stored.
     */
    String keep(InputImage input, String brandOrNull, Caller caller) {
        if (input.storedId() != null) {
            return input.storedId();
        }
        byte[] png = "png".equals(ImageDecoding.formatOf(input.bytes(), "image")) ? input.bytes() : png(input);
        return images.put(png, brandOrNull, caller.tokenId()).id();
    }

    private static byte[] png(InputImage input) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(input.image(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
