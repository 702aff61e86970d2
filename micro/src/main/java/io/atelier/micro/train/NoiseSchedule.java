package io.atelier.micro.train;

/**
 * DDPM forward-process schedule, the same formulas as diffusers' DDPMScheduler:
 * linear: beta_i evenly spaced in [betaStart, betaEnd];
 * scaled_linear: beta_i = (evenly spaced in [sqrt(betaStart), sqrt(betaEnd)])^2;
 * alphaBar_t = prod_{i<=t} (1 - beta_i).
 */
public record NoiseSchedule(String betaSchedule, float betaStart, float betaEnd, int trainTimesteps) {

    public double[] alphasCumprod() {
        double[] alphaBar = new double[trainTimesteps];
        double product = 1.0;
        for (int i = 0; i < trainTimesteps; i++) {
            double f = trainTimesteps == 1 ? 0 : (double) i / (trainTimesteps - 1);
            double beta = switch (betaSchedule) {
                case "linear" -> betaStart + f * (betaEnd - betaStart);
                case "scaled_linear" -> {
                    double s = Math.sqrt(betaStart) + f * (Math.sqrt(betaEnd) - Math.sqrt(betaStart));
                    yield s * s;
                }
                default -> throw new IllegalArgumentException("unknown beta schedule " + betaSchedule);
            };
            product *= 1.0 - beta;
            alphaBar[i] = product;
        }
        return alphaBar;
    }
}
