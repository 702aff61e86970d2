package io.atelier.engine.sampler;

/**
 * DPM-Solver++(2M) (Lu et al. 2022; k-diffusion {@code sample_dpmpp_2m}), with t = -log(sigma), h = t_next - t:
 * <pre>
 * first step:  x_next = (sigma_next / sigma) * x - expm1(-h) * x0
 * later steps: r = h_last / h
 *              D = (1 + 1 / (2r)) * x0 - (1 / (2r)) * x0_previous
 *              x_next = (sigma_next / sigma) * x - expm1(-h) * D
 * last step (sigma_next = 0): x_next = x0
 * </pre>
 */
public final class DpmPlusPlus2MSampler extends SigmaSpaceSampler {
    private float[] previousDenoised;

    public DpmPlusPlus2MSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    @Override
    public float[] step(int i, float[] sample, float[] denoised, NoiseSource noise) {
        double sigma = sigma(i);
        double sigmaNext = sigma(i + 1);
        float[] next = new float[sample.length];
        if (sigmaNext == 0.0) {
            System.arraycopy(denoised, 0, next, 0, next.length);
            previousDenoised = denoised;
            return next;
        }
        double h = -Math.log(sigmaNext) + Math.log(sigma);
        double ratio = sigmaNext / sigma;
        double expm1 = Math.expm1(-h);
        boolean firstOrder = previousDenoised == null;
        double r = firstOrder ? 1.0 : (Math.log(sigma(i - 1)) - Math.log(sigma)) / h;
        for (int k = 0; k < sample.length; k++) {
            double d = firstOrder
                    ? denoised[k]
                    : (1.0 + 1.0 / (2.0 * r)) * denoised[k] - (1.0 / (2.0 * r)) * previousDenoised[k];
            next[k] = (float) (ratio * sample[k] - expm1 * d);
        }
        previousDenoised = denoised;
        return next;
    }
}
