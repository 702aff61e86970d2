package io.atelier.engine.sampler;

/** Base of the samplers that walk the variance-preserving sample x_t = sqrt(a_t) x0 + sqrt(1 - a_t) noise. */
abstract class VariancePreservingSampler extends Sampler {
    VariancePreservingSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    /** The UNet sees the sample as it is. */
    @Override
    public float inputScale(int i) {
        return 1f;
    }

    /** x_t = sqrt(a_t) * x0 + sqrt(1 - a_t) * noise. */
    @Override
    public void noised(float[] clean, float[] unitNoise, int level, float[] out) {
        double a = alphaBar(level);
        double rootA = Math.sqrt(a);
        double rootOneMinusA = Math.sqrt(1.0 - a);
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (rootA * clean[k] + rootOneMinusA * unitNoise[k]);
        }
    }
}
