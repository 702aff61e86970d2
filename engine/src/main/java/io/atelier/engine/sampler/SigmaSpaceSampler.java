package io.atelier.engine.sampler;

/**
 * Base of the k-diffusion samplers (Karras et al. 2022), which walk x = x0 + sigma * noise. The UNet sees the
 * variance-preserving sample x / sqrt(sigma^2 + 1).
 */
abstract class SigmaSpaceSampler extends Sampler {
    SigmaSpaceSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    /** 1 / sqrt(sigma^2 + 1), i.e. sqrt(alphaBar). */
    @Override
    public float inputScale(int i) {
        return (float) Math.sqrt(alphaBar(i));
    }

    /** x = x0 + sigma * noise. */
    @Override
    public void noised(float[] clean, float[] unitNoise, int level, float[] out) {
        double sigma = sigma(level);
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (clean[k] + sigma * unitNoise[k]);
        }
    }
}
