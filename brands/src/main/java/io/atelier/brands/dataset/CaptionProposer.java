package io.atelier.brands.dataset;

import io.atelier.brands.brand.Brand;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Proposes a caption for an image added without one, for the user to confirm. The judge implements it by reading
 * the garment's attributes off the image and writing them in the house vocabulary.
 */
@FunctionalInterface
public interface CaptionProposer {

    /** The proposer used until a judge is wired in: it never proposes, so such items keep no caption. */
    CaptionProposer NONE = (image, brand) -> Optional.empty();

    /**
     * @param image the validated image's pixels
     * @param brand the brand whose vocabulary the caption should use
     * @return a caption, or empty when none can be proposed
     */
    Optional<String> propose(BufferedImage image, Brand brand);
}
