package io.atelier.engine.sampler;

/**
 * The training noise schedule of a diffusion model: betas and their cumulative alpha products over the training
 * timesteps, as in DDPM (Ho et al. 2020) and diffusers' {@code betas_for_*} helpers.
 *
 * <pre>
 * linear:        beta_t = linspace(betaStart, betaEnd, T)[t]
 * scaled_linear: beta_t = linspace(sqrt(betaStart), sqrt(betaEnd), T)[t]^2      (Stable Diffusion)
 * alphaBar_t    = prod_{s<=t} (1 - beta_s)
 * </pre>
 */
public final class NoiseSchedule {
    private final double[] alphasCumprod;

    private NoiseSchedule(double[] alphasCumprod) {
        this.alphasCumprod = alphasCumprod;
    }

    public static NoiseSchedule of(String betaSchedule, int trainTimesteps, double betaStart, double betaEnd) {
        if (trainTimesteps < 2) {
            throw new IllegalArgumentException("trainTimesteps must be at least 2");
        }
        double[] betas = new double[trainTimesteps];
        for (int t = 0; t < trainTimesteps; t++) {
            double fraction = (double) t / (trainTimesteps - 1);
            betas[t] = switch (betaSchedule) {
                case "linear" -> betaStart + fraction * (betaEnd - betaStart);
                case "scaled_linear" -> {
                    double root = Math.sqrt(betaStart) + fraction * (Math.sqrt(betaEnd) - Math.sqrt(betaStart));
                    yield root * root;
                }
                default -> throw new IllegalArgumentException("unknown betaSchedule " + betaSchedule);
            };
        }
        double[] cumprod = new double[trainTimesteps];
        double running = 1.0;
        for (int t = 0; t < trainTimesteps; t++) {
            running *= 1.0 - betas[t];
            cumprod[t] = running;
        }
        return new NoiseSchedule(cumprod);
    }

    public int trainTimesteps() {
        return alphasCumprod.length;
    }

    public double alphaCumprod(int timestep) {
        return alphasCumprod[timestep];
    }

    /** Every timestep's cumulative alpha product, a copy (trainers index it per drawn timestep). */
    public double[] alphasCumprod() {
        return alphasCumprod.clone();
    }

    /**
     * The timesteps of a run with {@code steps} steps, descending, in diffusers' "trailing" spacing:
     * {@code round(arange(T, 0, -T/steps)) - 1}. Trailing spacing always starts at the noisiest timestep T-1,
     * which matters for few-step models (SD-Turbo, LCM) and costs nothing for the others.
     */
    public int[] trailingTimesteps(int steps) {
        int total = alphasCumprod.length;
        int[] timesteps = new int[steps];
        double stride = (double) total / steps;
        for (int i = 0; i < steps; i++) {
            timesteps[i] = (int) Math.round(total - i * stride) - 1;
        }
        return timesteps;
    }
}
