package io.atelier.engine.sampler;

import java.util.Random;

/** Standard normal noise for one image. Seeded per image so the same seed gives the same pixels. */
@FunctionalInterface
public interface NoiseSource {
    /** Fills {@code target} with independent N(0, 1) values. */
    void fill(float[] target);

    /**
     * Noise from {@link java.util.Random}, whose algorithm is fixed by its specification, so a seed yields the same
     * numbers on every JVM (unlike the engine's global RNG, which other requests would disturb).
     */
    static NoiseSource seeded(long seed) {
        Random random = new Random(seed);
        return target -> {
            for (int i = 0; i < target.length; i++) {
                target[i] = (float) random.nextGaussian();
            }
        };
    }
}
