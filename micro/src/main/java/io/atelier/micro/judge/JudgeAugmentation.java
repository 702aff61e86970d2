package io.atelier.micro.judge;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;

import java.util.Random;

/**
 * Training inputs for the judge: a flat drawn at the model's native 128 px (the size generated images come at) or,
 * one time in five, at 64 px and resampled up as {@link JudgeInput} does for small inputs, so a 64 px flat still
 * reads; then sometimes softened or grained so the judge also reads the slightly blurry, noisy flats a small
 * diffusion model draws.
 */
final class JudgeAugmentation {

    private JudgeAugmentation() {
    }

    static void write(FlatSpec spec, long seed, float[] out, int offset) {
        Random random = new Random(seed ^ 0x7A11E5L);
        int size = random.nextDouble() < 0.2 ? JudgeInput.SIZE / 2 : JudgeInput.SIZE;
        JudgeInput.write(FlatsGenerator.draw(spec, size), out, offset);
        if (random.nextDouble() < 0.1) {
            // 3×3 or 5×5 at 128 px: the old 3×3 at 64 px was a 6 px blur, gentler ones are as likely from the model.
            blur(out, offset, 1 + random.nextInt(2));
        }
        if (random.nextDouble() < 0.3) {
            double sigma = 0.01 + 0.03 * random.nextDouble();
            for (int i = 0; i < JudgeInput.LENGTH; i++) {
                out[offset + i] = clamp(out[offset + i] + (float) (sigma * random.nextGaussian()));
            }
        }
    }

    /** A (2·radius+1)² box blur, per channel. */
    private static void blur(float[] data, int offset, int radius) {
        int n = JudgeInput.SIZE;
        float[] copy = new float[n * n];
        for (int c = 0; c < 3; c++) {
            int base = offset + c * n * n;
            System.arraycopy(data, base, copy, 0, n * n);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    float sum = 0;
                    int count = 0;
                    for (int dy = -radius; dy <= radius; dy++) {
                        for (int dx = -radius; dx <= radius; dx++) {
                            int yy = y + dy;
                            int xx = x + dx;
                            if (yy >= 0 && yy < n && xx >= 0 && xx < n) {
                                sum += copy[yy * n + xx];
                                count++;
                            }
                        }
                    }
                    data[base + y * n + x] = sum / count;
                }
            }
        }
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
