package io.atelier.engine.image;

import java.awt.image.BufferedImage;

/** RGB images to and from planar float tensors [3, H, W] in [-1, 1], the VAE's convention. */
public final class PixelTensors {
    private PixelTensors() {
    }

    /** Writes the image's RGB as [3, H, W] into {@code target} starting at {@code offset}. */
    public static void toPlanar(BufferedImage image, float[] target, int offset) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int p = 0; p < plane; p++) {
            int pixel = argb[p];
            target[offset + p] = ((pixel >> 16) & 0xFF) / 127.5f - 1f;
            target[offset + plane + p] = ((pixel >> 8) & 0xFF) / 127.5f - 1f;
            target[offset + 2 * plane + p] = (pixel & 0xFF) / 127.5f - 1f;
        }
    }

    /** An opaque RGB image from [3, H, W] values in [-1, 1] at {@code offset}; values outside are clamped. */
    public static BufferedImage fromPlanar(float[] values, int offset, int width, int height) {
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
            rgb[p] = (toByte(values[offset + p]) << 16) | (toByte(values[offset + plane + p]) << 8)
                    | toByte(values[offset + 2 * plane + p]);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    private static int toByte(float value) {
        int scaled = Math.round((value + 1f) * 127.5f);
        return Math.max(0, Math.min(255, scaled));
    }
}
