package io.atelier.brands.image;

import java.awt.image.BufferedImage;

/**
 * An image that passed {@link ImageValidator}: what its header said and the pixels the full decode produced, so the
 * next step reads them instead of decoding the bytes again.
 */
public record ValidatedImage(ImageInfo info, BufferedImage pixels) {
}
