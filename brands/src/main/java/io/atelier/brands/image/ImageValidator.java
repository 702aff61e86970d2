package io.atelier.brands.image;

import io.atelier.brands.InvalidImageException;
import io.atelier.engine.ImageTooLargeException;
import io.atelier.engine.image.ImageDecoding;
import java.awt.image.BufferedImage;

/**
 * Checks an image before anything else touches it, with the engine's rules (so a dataset and a generation request
 * accept exactly the same files): the format from its magic bytes (PNG or JPEG, whatever the file name says), then the
 * pixel count from the header alone, and only then a full decode to catch truncated or corrupt data. A decompression
 * bomb is therefore refused without allocating its pixels.
 */
public final class ImageValidator {

    /** 4096 × 4096: far above the models' native sizes, far below what would exhaust memory when decoded. */
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096L;

    private final long maxPixels;

    public ImageValidator(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public ImageValidator() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * @param bytes the encoded image
     * @param field the request field it came in, for the error
     * @throws InvalidImageException not PNG/JPEG, corrupt, or too many pixels ({@link InvalidImageException#tooLarge()})
     */
    public ImageInfo validate(byte[] bytes, String field) {
        return check(bytes, field).info();
    }

    /** As {@link #validate}, and the decoded pixels, for a caller that needs them next (the caption proposer). */
    public ValidatedImage check(byte[] bytes, String field) {
        String format;
        try {
            format = ImageDecoding.formatOf(bytes, field);
        } catch (io.atelier.engine.InvalidImageException notPngOrJpeg) {
            throw new InvalidImageException(field, "the image is neither a PNG nor a JPEG", false);
        }
        BufferedImage decoded;
        try {
            // A full decode, so a truncated or corrupt file is refused here and not at training time.
            decoded = ImageDecoding.decode(bytes, field, maxPixels);
        } catch (ImageTooLargeException e) {
            throw new InvalidImageException(field, e.getMessage(), true);
        } catch (io.atelier.engine.InvalidImageException e) {
            throw new InvalidImageException(field, "the image is damaged and cannot be read", false);
        }
        ImageInfo info = format.equals("png")
                ? new ImageInfo("image/png", "png", decoded.getWidth(), decoded.getHeight())
                : new ImageInfo("image/jpeg", "jpg", decoded.getWidth(), decoded.getHeight());
        return new ValidatedImage(info, decoded);
    }
}
