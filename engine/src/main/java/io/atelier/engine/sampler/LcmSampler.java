package io.atelier.engine.sampler;

/**
 * Latent consistency sampling (Luo et al. 2023; diffusers {@code LCMScheduler}) in the variance-preserving space.
 * The consistency boundary condition, with s = 10 * t (timestep_scaling) and sigma_data = 0.5:
 * <pre>
 * c_skip = sigma_data^2 / (s^2 + sigma_data^2),  c_out = s / sqrt(s^2 + sigma_data^2)
 * x0'    = c_out * x0 + c_skip * x_t
 * x_prev = sqrt(a_prev) * x0' + sqrt(1 - a_prev) * noise       (no noise on the last step)
 * </pre>
 */
public final class LcmSampler extends VariancePreservingSampler {
    private static final double SIGMA_DATA = 0.5;
    private static final double TIMESTEP_SCALING = 10.0;

    public LcmSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    @Override
    public float[] step(int i, float[] sample, float[] denoised, NoiseSource noise) {
        double scaled = timestep(i) * TIMESTEP_SCALING;
        double cSkip = SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        double cOut = scaled / Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        double aPrev = alphaBar(i + 1);
        boolean last = i + 1 >= steps();
        float[] fresh = new float[sample.length];
        if (!last) {
            noise.fill(fresh);
        }
        float[] next = new float[sample.length];
        for (int k = 0; k < sample.length; k++) {
            double consistent = cOut * denoised[k] + cSkip * sample[k];
            next[k] = (float) (Math.sqrt(aPrev) * consistent + Math.sqrt(1.0 - aPrev) * fresh[k]);
        }
        return next;
    }
}
