package io.atelier.engine.image;

import java.awt.image.BufferedImage;

/**
 * A regenerate-selection mask as weights in [0, 1] per pixel: 1 = regenerate, 0 = keep the input pixel exactly.
 * For a mask with alpha, weight = alpha x luminance (white opaque regenerates; transparent or black keeps); without
 * alpha, weight = luminance.
 */
public final class SelectionMask {
    private final float[] weights;
    private final int width;
    private final int height;

    private SelectionMask(float[] weights, int width, int height) {
        this.weights = weights;
        this.width = width;
        this.height = height;
    }

    public static SelectionMask of(BufferedImage mask) {
        int width = mask.getWidth();
        int height = mask.getHeight();
        boolean hasAlpha = mask.getColorModel().hasAlpha();
        int[] argb = mask.getRGB(0, 0, width, height, null, 0, width);
        float[] weights = new float[argb.length];
        for (int p = 0; p < argb.length; p++) {
            int pixel = argb[p];
            float luminance = (0.299f * ((pixel >> 16) & 0xFF) + 0.587f * ((pixel >> 8) & 0xFF)
                    + 0.114f * (pixel & 0xFF)) / 255f;
            float alpha = hasAlpha ? ((pixel >>> 24) & 0xFF) / 255f : 1f;
            weights[p] = Math.min(1f, alpha * luminance);
        }
        return new SelectionMask(weights, width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The mask at latent resolution: a latent pixel is free when any image pixel of its block is to be regenerated
     * (max over the block), so the regenerated region gets whole latents and no seam is frozen inside it.
     */
    public float[] latentWeights(int scale) {
        int latentWidth = width / scale;
        int latentHeight = height / scale;
        float[] latent = new float[latentWidth * latentHeight];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int index = (y / scale) * latentWidth + (x / scale);
                latent[index] = Math.max(latent[index], weights[y * width + x]);
            }
        }
        return latent;
    }

    /** Blends per pixel: weight 0 returns the original pixel bit for bit, weight 1 the generated one. */
    public BufferedImage composite(BufferedImage original, BufferedImage generated) {
        int[] kept = original.getRGB(0, 0, width, height, null, 0, width);
        int[] made = generated.getRGB(0, 0, width, height, null, 0, width);
        int[] out = new int[kept.length];
        for (int p = 0; p < out.length; p++) {
            float w = weights[p];
            if (w <= 0f) {
                out[p] = kept[p] & 0xFFFFFF;
            } else if (w >= 1f) {
                out[p] = made[p] & 0xFFFFFF;
            } else {
                out[p] = mix(kept[p], made[p], w, 16) | mix(kept[p], made[p], w, 8) | mix(kept[p], made[p], w, 0);
            }
        }
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, width, height, out, 0, width);
        return result;
    }

    private static int mix(int a, int b, float w, int shift) {
        int ca = (a >> shift) & 0xFF;
        int cb = (b >> shift) & 0xFF;
        return Math.round(ca + (cb - ca) * w) << shift;
    }
}
