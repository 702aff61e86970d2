package io.atelier.engine;

import java.awt.image.BufferedImage;
import java.util.List;

/** The images of one request, in seed order, with the settings that made them. */
public record GenerationResult(List<BufferedImage> images, List<Long> seeds, GenerationSettings settings) {
}
