package io.atelier.micro.train;

import java.awt.image.BufferedImage;

/** One training example: an RGB image at native size and its canonical prompt. */
public record CaptionedImage(BufferedImage image, String caption) {}
