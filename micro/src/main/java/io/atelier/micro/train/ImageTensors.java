package io.atelier.micro.train;

import java.awt.image.BufferedImage;

/** Conversions between images and CHW float data in [-1, 1] (the VAE's pixel convention). */
public final class ImageTensors {

    private ImageTensors() {}

    /** Writes a crop of {@code image} (channels first, values in [-1, 1]) into {@code dst} at {@code offset}. */
    public static void writeChw(BufferedImage image, int x0, int y0, int size, float[] dst, int offset) {
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x0 + x, y0 + y);
                int i = offset + y * size + x;
                dst[i] = ((rgb >> 16) & 0xff) / 127.5f - 1f;
                dst[i + plane] = ((rgb >> 8) & 0xff) / 127.5f - 1f;
                dst[i + 2 * plane] = (rgb & 0xff) / 127.5f - 1f;
            }
        }
    }

    /** Builds an RGB image from CHW data in [-1, 1] (clamped) starting at {@code offset}. */
    public static BufferedImage fromChw(float[] src, int offset, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = offset + y * width + x;
                image.setRGB(x, y, (toByte(src[i]) << 16) | (toByte(src[i + plane]) << 8) | toByte(src[i + 2 * plane]));
            }
        }
        return image;
    }

    private static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }
}
