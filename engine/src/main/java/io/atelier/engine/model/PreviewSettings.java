package io.atelier.engine.model;

import java.util.List;

/**
 * Optional cheap preview: rgb = latent . latentRgbFactors + rgbBias, in [-1, 1], per latent pixel.
 *
 * @param latentRgbFactors one row of 3 (R, G, B) per latent channel
 * @param rgbBias 3 values
 */
public record PreviewSettings(List<List<Double>> latentRgbFactors, List<Double> rgbBias) {
}
