package io.atelier.engine.upscale;

import java.awt.image.BufferedImage;

/**
 * MATLAB's {@code imresize} by an integer factor on one float plane: the cubic kernel (a = -0.5), widened by the
 * factor when shrinking so that it also low-passes (the degradation DIV2K's low-resolution images were made with,
 * hence the one the ESRGAN networks learnt to invert), plain when enlarging. Separable; borders mirrored as MATLAB
 * does. Planes are row-major, {@code width × height}.
 */
public final class CubicResize {
    private CubicResize() {
    }

    /** {@code plane} shrunk by {@code factor} ({@code width / factor × height / factor}, rounded down). */
    public static float[] shrink(float[] plane, int width, int height, int factor) {
        int w = width / factor;
        int h = height / factor;
        float[] rows = axis(plane, width, height, w, true, factor, true);
        return axis(rows, w, height, h, false, factor, true);
    }

    /** An opaque RGB image shrunk by {@code factor}, each channel by {@link #shrink(float[], int, int, int)}. */
    public static BufferedImage shrink(BufferedImage image, int factor) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        int w = width / factor;
        int h = height / factor;
        int[] out = new int[w * h];
        for (int shift = 16; shift >= 0; shift -= 8) {
            float[] plane = new float[rgb.length];
            for (int p = 0; p < rgb.length; p++) {
                plane[p] = (rgb[p] >> shift) & 0xFF;
            }
            float[] small = shrink(plane, width, height, factor);
            for (int p = 0; p < small.length; p++) {
                out[p] |= Math.max(0, Math.min(255, Math.round(small[p]))) << shift;
            }
        }
        BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, w, h, out, 0, w);
        return result;
    }

    /** {@code plane} enlarged by {@code factor}. */
    public static float[] enlarge(float[] plane, int width, int height, int factor) {
        float[] rows = axis(plane, width, height, width * factor, true, factor, false);
        return axis(rows, width * factor, height, height * factor, false, factor, false);
    }

    /** One axis: along x when {@code horizontal}, else along y. */
    private static float[] axis(float[] in, int width, int height, int outLength, boolean horizontal, int factor,
                                boolean shrinking) {
        int inLength = horizontal ? width : height;
        int outW = horizontal ? outLength : width;
        int outH = horizontal ? height : outLength;
        int lines = horizontal ? height : width;
        // Shrinking, the kernel spans 4 output-pixel widths of input (2 each side); enlarging, 4 input pixels.
        double support = shrinking ? 2.0 * factor : 2.0;
        // Each output position's taps (mirrored input indices) and weights, normalised to sum to 1.
        float[][] weights = new float[outLength][];
        int[][] taps = new int[outLength][];
        for (int o = 0; o < outLength; o++) {
            double centre = shrinking ? (o + 0.5) * factor - 0.5 : (o + 0.5) / factor - 0.5;
            int first = (int) Math.floor(centre - support);
            int last = (int) Math.ceil(centre + support);
            double[] raw = new double[last - first + 1];
            double total = 0;
            taps[o] = new int[raw.length];
            for (int j = first; j <= last; j++) {
                raw[j - first] = cubic(shrinking ? (centre - j) / factor : centre - j);
                taps[o][j - first] = mirror(j, inLength);
                total += raw[j - first];
            }
            weights[o] = new float[raw.length];
            for (int t = 0; t < raw.length; t++) {
                weights[o][t] = (float) (raw[t] / total);
            }
        }
        float[] out = new float[outW * outH];
        if (horizontal) {
            for (int k = 0; k < lines; k++) {
                int line = k * width;
                for (int o = 0; o < outLength; o++) {
                    float sum = 0;
                    for (int t = 0; t < taps[o].length; t++) {
                        sum += weights[o][t] * in[line + taps[o][t]];
                    }
                    out[k * outW + o] = sum;
                }
            }
        } else {
            // Whole rows at a time: the inner loop runs along memory, which the JIT vectorises.
            for (int o = 0; o < outLength; o++) {
                int row = o * outW;
                for (int t = 0; t < taps[o].length; t++) {
                    float weight = weights[o][t];
                    int from = taps[o][t] * width;
                    for (int k = 0; k < lines; k++) {
                        out[row + k] += weight * in[from + k];
                    }
                }
            }
        }
        return out;
    }

    private static double cubic(double x) {
        double a = Math.abs(x);
        if (a <= 1) {
            return 1.5 * a * a * a - 2.5 * a * a + 1;
        }
        return a < 2 ? -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2 : 0;
    }

    private static int mirror(int i, int length) {
        if (i < 0) {
            return Math.min(length - 1, -i - 1);
        }
        return i >= length ? Math.max(0, 2 * length - i - 1) : i;
    }
}
