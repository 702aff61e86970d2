package io.atelier.engine.sampler;

/**
 * Euler ancestral (k-diffusion {@code sample_euler_ancestral}, eta = 1):
 * <pre>
 * sigma_up   = min(sigma_next, sqrt(sigma_next^2 * (sigma^2 - sigma_next^2) / sigma^2))
 * sigma_down = sqrt(sigma_next^2 - sigma_up^2)
 * d          = (x - x0) / sigma
 * x_next     = x + d * (sigma_down - sigma) + sigma_up * noise
 * </pre>
 */
public final class EulerAncestralSampler extends SigmaSpaceSampler {
    public EulerAncestralSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    @Override
    public float[] step(int i, float[] sample, float[] denoised, NoiseSource noise) {
        double sigma = sigma(i);
        double sigmaNext = sigma(i + 1);
        double sigmaUp = Math.min(sigmaNext,
                Math.sqrt(sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext) / (sigma * sigma)));
        double sigmaDown = Math.sqrt(sigmaNext * sigmaNext - sigmaUp * sigmaUp);
        float[] fresh = new float[sample.length];
        if (sigmaUp > 0) {
            noise.fill(fresh);
        }
        float[] next = new float[sample.length];
        for (int k = 0; k < sample.length; k++) {
            double d = (sample[k] - denoised[k]) / sigma;
            next[k] = (float) (sample[k] + d * (sigmaDown - sigma) + sigmaUp * fresh[k]);
        }
        return next;
    }
}
