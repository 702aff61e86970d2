package io.atelier.brands.training;

import java.awt.image.BufferedImage;

/**
 * One image to learn from with its model prompt (already resolved: a brand's example carries the trigger token).
 */
public record TrainingExample(BufferedImage image, String prompt) {
}
