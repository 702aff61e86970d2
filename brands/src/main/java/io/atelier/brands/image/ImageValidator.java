package io.atelier.brands.image;

import io.atelier.brands.InvalidImageException;
import io.atelier.engine.image.ImageDecoding;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Checks an image before anything else touches it: the format from its magic bytes (PNG or JPEG, whatever the file
 * name says), then the pixel count from the header alone, and only then a full decode to catch truncated or corrupt
 * data. A decompression bomb is therefore refused without allocating its pixels.
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
        // Step 1: the format, from the magic bytes only (the engine's rule, so a dataset and a generation request
        // accept exactly the same files).
        String format;
        try {
            format = ImageDecoding.formatOf(bytes, field);
        } catch (io.atelier.engine.InvalidImageException notPngOrJpeg) {
            throw new InvalidImageException(field, "the image is neither a PNG nor a JPEG", false);
        }
        ImageInfo kind = format.equals("png")
                ? new ImageInfo("image/png", "png", 0, 0)
                : new ImageInfo("image/jpeg", "jpg", 0, 0);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            // Step 2: the size, from the header, before any pixel is decoded.
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new InvalidImageException(field, "the image has no pixels", false);
            }
            if ((long) width * height > maxPixels) {
                throw new InvalidImageException(field, "the image has " + width + "×" + height
                        + " pixels, more than the " + maxPixels + " allowed", true);
            }
            // Step 3: a full decode, so a truncated or corrupt file is refused here and not at training time.
            reader.read(0);
            return new ImageInfo(kind.mime(), kind.extension(), width, height);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException(field, "the image is damaged and cannot be read", false);
        } finally {
            reader.dispose();
        }
    }
}
