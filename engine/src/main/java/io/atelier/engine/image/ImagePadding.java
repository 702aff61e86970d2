package io.atelier.engine.image;

import java.awt.image.BufferedImage;

/**
 * Lets a redraw or a selection work on images of any size: the model needs sizes in multiples of its
 * {@code sizeMultiple}, so the input is padded up (edges repeated; the mask padded with "keep") and the result cropped
 * back to the input's size.
 */
public final class ImagePadding {
    private ImagePadding() {
    }

    public static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** The image enlarged to width x height by repeating its last column and row; itself when already that size. */
    public static BufferedImage padEdges(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage padded = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                padded.setRGB(x, y, image.getRGB(Math.min(x, image.getWidth() - 1), Math.min(y, image.getHeight() - 1)));
            }
        }
        return padded;
    }

    /** The mask enlarged to width x height with "keep" (black, opaque) outside the original. */
    public static BufferedImage padMask(BufferedImage mask, int width, int height) {
        if (mask.getWidth() == width && mask.getHeight() == height) {
            return mask;
        }
        BufferedImage padded = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = x < mask.getWidth() && y < mask.getHeight();
                padded.setRGB(x, y, inside ? withAlphaOf(mask, x, y) : 0xFF000000);
            }
        }
        return padded;
    }

    /** The top-left width x height of the image; itself when already that size. */
    public static BufferedImage crop(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage cropped = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        cropped.setRGB(0, 0, width, height, image.getRGB(0, 0, width, height, null, 0, width), 0, width);
        return cropped;
    }

    private static int withAlphaOf(BufferedImage mask, int x, int y) {
        int argb = mask.getRGB(x, y);
        return mask.getColorModel().hasAlpha() ? argb : argb | 0xFF000000;
    }
}
