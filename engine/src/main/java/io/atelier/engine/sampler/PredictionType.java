package io.atelier.engine.sampler;

/** What the UNet was trained to predict. */
public enum PredictionType {
    /** The added noise (Stable Diffusion 1.5, atelier-micro). */
    EPSILON,
    /** The velocity v = sqrt(alphaBar) * eps - sqrt(1 - alphaBar) * x0 (Salimans and Ho 2022). */
    V_PREDICTION;

    public static PredictionType fromManifest(String value) {
        return switch (value) {
            case "epsilon" -> EPSILON;
            case "v_prediction" -> V_PREDICTION;
            default -> throw new IllegalArgumentException("unknown predictionType " + value);
        };
    }
}
