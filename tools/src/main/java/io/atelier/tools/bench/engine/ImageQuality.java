package io.atelier.tools.bench.engine;

import java.awt.image.BufferedImage;

/**
 * The two figures super-resolution papers report, computed as they do: on the luma (Y of BT.601, 0..255) with a
 * border of {@code crop} pixels left out (where the network saw padding). PSNR = 10 log10(255² / MSE); SSIM is
 * Wang et al. 2004 (11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03), averaged over the image.
 */
public final class ImageQuality {
    private ImageQuality() {
    }

    public static double psnr(BufferedImage reference, BufferedImage test, int crop) {
        double[][] a = luma(reference, crop);
        double[][] b = luma(test, crop);
        double sum = 0;
        long n = 0;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[0].length; x++) {
                double d = a[y][x] - b[y][x];
                sum += d * d;
                n++;
            }
        }
        double mse = sum / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    public static double ssim(BufferedImage reference, BufferedImage test, int crop) {
        double[][] a = luma(reference, crop);
        double[][] b = luma(test, crop);
        double[] window = gaussian(11, 1.5);
        double[][] muA = blur(a, window);
        double[][] muB = blur(b, window);
        double[][] aa = blur(product(a, a), window);
        double[][] bb = blur(product(b, b), window);
        double[][] ab = blur(product(a, b), window);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        long n = 0;
        int r = window.length / 2;
        // Only where the whole window lies inside the image ("valid"), as the reference implementation does.
        for (int y = r; y < a.length - r; y++) {
            for (int x = r; x < a[0].length - r; x++) {
                double ma = muA[y][x];
                double mb = muB[y][x];
                double va = aa[y][x] - ma * ma;
                double vb = bb[y][x] - mb * mb;
                double cov = ab[y][x] - ma * mb;
                sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                n++;
            }
        }
        return sum / n;
    }

    static double[][] luma(BufferedImage image, int crop) {
        int w = image.getWidth() - 2 * crop;
        int h = image.getHeight() - 2 * crop;
        double[][] y = new double[h][w];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = image.getRGB(i + crop, j + crop);
                y[j][i] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
            }
        }
        return y;
    }

    private static double[] gaussian(int size, double sigma) {
        double[] w = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            double d = i - size / 2;
            w[i] = Math.exp(-d * d / (2 * sigma * sigma));
            total += w[i];
        }
        for (int i = 0; i < size; i++) {
            w[i] /= total;
        }
        return w;
    }

    /** Separable blur; values near the edge are not used by {@link #ssim}, so they are left partial. */
    private static double[][] blur(double[][] v, double[] w) {
        int h = v.length;
        int width = v[0].length;
        int r = w.length / 2;
        double[][] rows = new double[h][width];
        for (int y = 0; y < h; y++) {
            for (int x = r; x < width - r; x++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += w[k + r] * v[y][x + k];
                }
                rows[y][x] = s;
            }
        }
        double[][] out = new double[h][width];
        for (int y = r; y < h - r; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += w[k + r] * rows[y + k][x];
                }
                out[y][x] = s;
            }
        }
        return out;
    }

    private static double[][] product(double[][] a, double[][] b) {
        double[][] p = new double[a.length][a[0].length];
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[0].length; x++) {
                p[y][x] = a[y][x] * b[y][x];
            }
        }
        return p;
    }
}
