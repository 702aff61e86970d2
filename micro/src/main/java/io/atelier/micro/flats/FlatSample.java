package io.atelier.micro.flats;

import java.awt.image.BufferedImage;

/** One generated technical flat with its labels: the spec drawn, natural captions in French and English, and the
 * canonical prompt (what both captions resolve to). */
public record FlatSample(BufferedImage image, FlatSpec spec, String captionFr, String captionEn, String canonicalPrompt) {
}
