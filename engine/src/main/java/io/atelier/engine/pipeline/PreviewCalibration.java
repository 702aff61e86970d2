package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.image.LatentPreview;
import io.atelier.engine.sampler.NoiseSource;

/**
 * Fits the cheap preview's latent-to-RGB projection for a package whose model.json has none: decode a few random
 * latents at the smallest valid size, average the decoded pixels over each latent pixel's block, and solve the least
 * squares problem rgb ≈ latent · factors + bias. One small decoder call at load; no cost per step.
 */
final class PreviewCalibration {
    private static final int SAMPLES = 8;
    private static final long SEED = 20261122L;

    private PreviewCalibration() {
    }

    static LatentPreview fit(NDManager manager, ImageDecoder decoder, int channels, int side, int scale) {
        int latentSize = channels * side * side;
        float[] latents = new float[SAMPLES * latentSize];
        NoiseSource.seeded(SEED).fill(latents);
        int pixels = side * scale;
        float[] images = decoder.decode(manager, latents, new Shape(SAMPLES, channels, side, side),
                new Shape(SAMPLES, 3, pixels, pixels));

        // Step 1: normal equations A^T A x = A^T b with rows [latent..., 1] per latent pixel, one column per colour.
        int unknowns = channels + 1;
        double[][] normal = new double[unknowns][unknowns];
        double[][] rhs = new double[unknowns][3];
        double[] row = new double[unknowns];
        int plane = side * side;
        for (int s = 0; s < SAMPLES; s++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    for (int c = 0; c < channels; c++) {
                        row[c] = latents[s * latentSize + c * plane + y * side + x];
                    }
                    row[channels] = 1.0;
                    for (int colour = 0; colour < 3; colour++) {
                        double target = blockMean(images, s, colour, x, y, pixels, scale);
                        for (int i = 0; i < unknowns; i++) {
                            rhs[i][colour] += row[i] * target;
                        }
                    }
                    for (int i = 0; i < unknowns; i++) {
                        for (int j = 0; j < unknowns; j++) {
                            normal[i][j] += row[i] * row[j];
                        }
                    }
                }
            }
        }
        // Step 2: solve (a small ridge keeps it well-posed), then split factors and bias.
        for (int i = 0; i < unknowns; i++) {
            normal[i][i] += 1e-3;
        }
        double[][] solution = solve(normal, rhs);
        float[][] factors = new float[channels][3];
        float[] bias = new float[3];
        for (int colour = 0; colour < 3; colour++) {
            for (int c = 0; c < channels; c++) {
                factors[c][colour] = (float) solution[c][colour];
            }
            bias[colour] = (float) solution[channels][colour];
        }
        return new LatentPreview(factors, bias);
    }

    private static double blockMean(float[] images, int sample, int colour, int x, int y, int pixels, int scale) {
        int offset = (sample * 3 + colour) * pixels * pixels;
        double sum = 0;
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                sum += images[offset + (y * scale + dy) * pixels + x * scale + dx];
            }
        }
        return sum / (scale * scale);
    }

    /** Gaussian elimination with partial pivoting on a small symmetric positive definite system. */
    private static double[][] solve(double[][] a, double[][] b) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swapA = a[col];
            a[col] = a[pivot];
            a[pivot] = swapA;
            double[] swapB = b[col];
            b[col] = b[pivot];
            b[pivot] = swapB;
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= factor * a[col][k];
                }
                for (int k = 0; k < b[r].length; k++) {
                    b[r][k] -= factor * b[col][k];
                }
            }
        }
        double[][] x = new double[n][b[0].length];
        for (int r = n - 1; r >= 0; r--) {
            for (int k = 0; k < b[r].length; k++) {
                double sum = b[r][k];
                for (int j = r + 1; j < n; j++) {
                    sum -= a[r][j] * x[j][k];
                }
                x[r][k] = sum / a[r][r];
            }
        }
        return x;
    }
}
