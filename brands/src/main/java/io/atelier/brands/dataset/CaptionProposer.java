package io.atelier.brands.dataset;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.image.ImageInfo;

import java.util.Optional;

/**
 * Proposes a caption for an image added without one, for the user to confirm. The judge implements it by reading
 * the garment's attributes off the image and writing them in the house vocabulary.
 */
@FunctionalInterface
public interface CaptionProposer {

    /** The proposer used until a judge is wired in: it never proposes, so such items keep no caption. */
    CaptionProposer NONE = (image, info, brand) -> Optional.empty();

    /**
     * @param image validated PNG or JPEG bytes
     * @param info  their format and size
     * @param brand the brand whose vocabulary the caption should use
     * @return a caption, or empty when none can be proposed
     */
    Optional<String> propose(byte[] image, ImageInfo info, Brand brand);
}
