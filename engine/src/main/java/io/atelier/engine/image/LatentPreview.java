package io.atelier.engine.image;

import java.awt.image.BufferedImage;

/**
 * The cheap live preview: latent to RGB by a fixed linear projection per latent pixel (no VAE decode), enlarged by
 * pixel repetition. rgb = latent . factors + bias, in [-1, 1]. The factors come from model.json's {@code preview}, or
 * are fitted against the decoder at load when it has none.
 */
public final class LatentPreview {
    private final float[][] factors;
    private final float[] bias;

    public LatentPreview(float[][] factors, float[] bias) {
        this.factors = factors;
        this.bias = bias;
    }

    /** Renders one latent [C, h, w] at {@code offset}, each latent pixel becoming a block of {@code scale}². */
    public BufferedImage render(float[] latents, int offset, int height, int width, int scale) {
        int plane = height * width;
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width * scale];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = 0;
                for (int channel = 0; channel < 3; channel++) {
                    float value = bias[channel];
                    for (int c = 0; c < factors.length; c++) {
                        value += latents[offset + c * plane + y * width + x] * factors[c][channel];
                    }
                    int byteValue = Math.max(0, Math.min(255, Math.round((value + 1f) * 127.5f)));
                    rgb |= byteValue << (16 - 8 * channel);
                }
                java.util.Arrays.fill(row, x * scale, (x + 1) * scale, rgb);
            }
            for (int dy = 0; dy < scale; dy++) {
                image.setRGB(0, y * scale + dy, width * scale, 1, row, 0, width * scale);
            }
        }
        return image;
    }
}
