package io.atelier.brands.evaluation;

import java.awt.image.BufferedImage;
import java.util.function.Predicate;

/**
 * Finds one of a house's codes in a generated image: the evaluation counts the images that show it, with and without
 * the adapter. A brand's colour is found from its own palette; a house detail needs a detector written for it (the
 * demo house's gold chain is one), given to the plan by whoever has one.
 *
 * @param label what the detector finds, as the report names it (e.g. "gold chain")
 * @param present whether an image shows it
 */
public record CodeDetector(String label, Predicate<BufferedImage> present) {
}
