package io.atelier.engine.sampler;

/**
 * Deterministic DDIM (Song et al. 2021, eq. 12 with eta = 0) in the variance-preserving space:
 * <pre>
 * eps    = (x_t - sqrt(a_t) * x0) / sqrt(1 - a_t)
 * x_prev = sqrt(a_prev) * x0 + sqrt(1 - a_prev) * eps
 * </pre>
 * The last step goes to a_prev = 1, i.e. returns x0.
 */
public final class DdimSampler extends VariancePreservingSampler {
    public DdimSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    @Override
    public float[] step(int i, float[] sample, float[] denoised, NoiseSource noise) {
        double a = alphaBar(i);
        double aPrev = alphaBar(i + 1);
        double rootA = Math.sqrt(a);
        double rootOneMinusA = Math.sqrt(1.0 - a);
        double rootAPrev = Math.sqrt(aPrev);
        double rootOneMinusAPrev = Math.sqrt(1.0 - aPrev);
        float[] next = new float[sample.length];
        for (int k = 0; k < sample.length; k++) {
            double eps = (sample[k] - rootA * denoised[k]) / rootOneMinusA;
            next[k] = (float) (rootAPrev * denoised[k] + rootOneMinusAPrev * eps);
        }
        return next;
    }
}
