package io.atelier.engine.upscale;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** The output rows one row of tiles can still change: weighted sums and weights, flushed to the image when final. */
final class BlendBand {
    private final BufferedImage out;
    private final int width;
    private final int height;
    private final float[] sums;
    private final float[] weights;
    private int top;

    BlendBand(BufferedImage out, int height) {
        this.out = out;
        this.width = out.getWidth();
        this.height = height;
        this.sums = new float[3 * height * width];
        this.weights = new float[height * width];
    }

    /** Writes out the rows above {@code newTop} (no later tile reaches them) and shifts the rest up. */
    void moveTo(int newTop) {
        int shift = newTop - top;
        if (shift <= 0) {
            return;
        }
        flush(shift);
        int keep = height - shift;
        int plane = height * width;
        for (int c = 0; c < 3; c++) {
            System.arraycopy(sums, c * plane + shift * width, sums, c * plane, keep * width);
            Arrays.fill(sums, c * plane + keep * width, (c + 1) * plane, 0f);
        }
        System.arraycopy(weights, shift * width, weights, 0, keep * width);
        Arrays.fill(weights, keep * width, plane, 0f);
        top = newTop;
    }

    /** Adds one tile's planar RGB (at {@code offset} in {@code tile}) at column {@code x0} of the band's top row. */
    void add(float[] tile, int offset, int x0, int tileWidth, float[] columnWeights, float[] rowWeights) {
        int plane = height * width;
        int tilePlane = tileWidth * height;
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < tileWidth; u++) {
                float w = columnWeights[u] * rowWeights[v];
                int at = v * width + x0 + u;
                int from = offset + v * tileWidth + u;
                weights[at] += w;
                for (int c = 0; c < 3; c++) {
                    sums[c * plane + at] += w * tile[from + c * tilePlane];
                }
            }
        }
    }

    void finish() {
        flush(Math.min(height, out.getHeight() - top));
    }

    private void flush(int rowCount) {
        int plane = height * width;
        int[] rgb = new int[width];
        for (int v = 0; v < rowCount; v++) {
            for (int x = 0; x < width; x++) {
                int at = v * width + x;
                float w = Math.max(weights[at], 1e-6f);
                rgb[x] = (toByte(sums[at] / w) << 16) | (toByte(sums[plane + at] / w) << 8)
                        | toByte(sums[2 * plane + at] / w);
            }
            out.setRGB(0, top + v, width, 1, rgb, 0, width);
        }
    }

    private static int toByte(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255f)));
    }
}
