package io.atelier.engine.sampler;

/**
 * One image's walk from noise to a clean latent: pure math, no model inside. A sampler instance is stateful (DPM++ 2M
 * remembers the previous prediction) and belongs to one image; {@link SamplerKind#create} makes a fresh one.
 *
 * <p>Noise levels are indexed 0..steps: level i (i &lt; steps) is the level of timestep {@code timestep(i)}, level
 * {@code steps} is the clean sample. Each step i takes the sample at level i to level i+1.
 */
public abstract class Sampler {
    protected final NoiseSchedule schedule;
    protected final int[] timesteps;

    protected Sampler(NoiseSchedule schedule, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1");
        }
        this.schedule = schedule;
        this.timesteps = schedule.trailingTimesteps(steps);
    }

    public int steps() {
        return timesteps.length;
    }

    /** The timestep given to the UNet at step i. */
    public float timestep(int i) {
        return timesteps[i];
    }

    /** alphaBar at noise level i; 1 for the clean level. */
    public double alphaBar(int level) {
        return level >= timesteps.length ? 1.0 : schedule.alphaCumprod(timesteps[level]);
    }

    /** sigma = sqrt((1 - alphaBar) / alphaBar) at noise level i (Karras et al. 2022); 0 for the clean level. */
    public double sigma(int level) {
        double alphaBar = alphaBar(level);
        return Math.sqrt((1.0 - alphaBar) / alphaBar);
    }

    /** Factor applied to the sample before it enters the UNet at step i. */
    public abstract float inputScale(int i);

    /** The sample at noise {@code level}, made from a clean latent and unit noise. */
    public abstract void noised(float[] clean, float[] unitNoise, int level, float[] out);

    /** Advances the sample from level i to level i+1, given the model's clean-sample prediction. */
    public abstract float[] step(int i, float[] sample, float[] denoised, NoiseSource noise);

    /**
     * The clean-sample prediction x0 from the UNet output at step i. With x = inputScale * sample (the
     * variance-preserving sample) and a = alphaBar:
     * <pre>
     * epsilon:      x0 = (x - sqrt(1 - a) * eps) / sqrt(a)
     * v_prediction: x0 = sqrt(a) * x - sqrt(1 - a) * v
     * </pre>
     */
    public float[] denoised(int i, float[] sample, float[] modelOutput, PredictionType predictionType) {
        double a = alphaBar(i);
        double scale = inputScale(i);
        double rootA = Math.sqrt(a);
        double rootOneMinusA = Math.sqrt(1.0 - a);
        float[] x0 = new float[sample.length];
        for (int k = 0; k < sample.length; k++) {
            double x = scale * sample[k];
            x0[k] = (float) (predictionType == PredictionType.EPSILON
                    ? (x - rootOneMinusA * modelOutput[k]) / rootA
                    : rootA * x - rootOneMinusA * modelOutput[k]);
        }
        return x0;
    }
}
