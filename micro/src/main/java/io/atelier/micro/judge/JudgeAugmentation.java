package io.atelier.micro.judge;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;

import java.util.Random;

/**
 * Training inputs for the judge: a flat drawn either at 64 px directly or at the model's native 128 px and
 * box-averaged (the path generated images take), then sometimes softened or grained so the judge also reads the
 * slightly blurry, noisy flats a small diffusion model draws.
 */
final class JudgeAugmentation {

    private JudgeAugmentation() {
    }

    static void write(FlatSpec spec, long seed, float[] out, int offset) {
        Random random = new Random(seed ^ 0x7A11E5L);
        int size = random.nextBoolean() ? JudgeInput.SIZE : 2 * JudgeInput.SIZE;
        JudgeInput.write(FlatsGenerator.draw(spec, size), out, offset);
        if (random.nextDouble() < 0.1) {
            blur(out, offset);
        }
        if (random.nextDouble() < 0.3) {
            double sigma = 0.01 + 0.03 * random.nextDouble();
            for (int i = 0; i < JudgeInput.LENGTH; i++) {
                out[offset + i] = clamp(out[offset + i] + (float) (sigma * random.nextGaussian()));
            }
        }
    }

    /** A 3×3 box blur, per channel. */
    private static void blur(float[] data, int offset) {
        int n = JudgeInput.SIZE;
        float[] copy = new float[n * n];
        for (int c = 0; c < 3; c++) {
            int base = offset + c * n * n;
            System.arraycopy(data, base, copy, 0, n * n);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    float sum = 0;
                    int count = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
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
