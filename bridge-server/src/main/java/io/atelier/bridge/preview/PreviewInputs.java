package io.atelier.bridge.preview;

import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.images.StoredImage;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.engine.image.ProvenancePng;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageInput;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code images} of a {@code preview.render} call as pictures, plus the brand the stills will belong to.
 *
 * @param images decoded, in the order given
 * @param brand the brand of the stored images used, else the caller's only brand, else null (brand-less)
 * @param firstRecordId the history record the first image's provenance names (made by Atelier), else null
 */
record PreviewInputs(List<BufferedImage> images, String brand, String firstRecordId) {
    /** A flat, a mural, a window and a few rack garments fit; more would only cost memory. */
    static final int MAX_IMAGES = 8;

    /**
     * Resolves every input: a stored id the caller may see (another brand's, or another token's brand-less image, reads
     * as not found, {@code -32004}), or
     * base64 decoded safely ({@link PreviewImageDecoder}).
     */
    static PreviewInputs resolve(List<ImageInput> inputs, Caller caller, ImageStore store) {
        List<ImageInput> given = inputs == null ? List.of() : inputs;
        if (given.size() > MAX_IMAGES) {
            throw AtelierException.invalidParams("images", "A preview takes at most " + MAX_IMAGES + " images.");
        }
        List<BufferedImage> images = new ArrayList<>();
        String firstRecordId = null;
        Set<String> brands = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ImageInput input = given.get(i);
            String field = "images[" + i + "]";
            if (input == null || (input.id() == null) == (input.base64() == null)) {
                throw AtelierException.invalidParams(field, "Give each image either as {id} or as {base64}.");
            }
            if (input.id() != null) {
                StoredImage stored = store.find(input.id(), caller)
                        .orElseThrow(() -> new AtelierException(ErrorCodes.NOT_FOUND,
                                "No image with id '" + input.id() + "'.", field + ".id"));
                if (stored.brand() != null) {
                    brands.add(stored.brand());
                }
                images.add(PreviewImageDecoder.decode(stored.png(), field + ".id"));
                firstRecordId = i == 0 ? ProvenancePng.readSource(stored.png()).recordId() : firstRecordId;
            } else {
                byte[] bytes = base64(input.base64(), field + ".base64");
                images.add(PreviewImageDecoder.decode(bytes, field + ".base64"));
                firstRecordId = i == 0 ? ProvenancePng.readSource(bytes).recordId() : firstRecordId;
            }
        }
        if (brands.size() > 1) {
            throw AtelierException.invalidParams("images", "One preview cannot mix images of different brands.");
        }
        return new PreviewInputs(images, brands.isEmpty() ? soleBrandOf(caller) : brands.iterator().next(),
                firstRecordId);
    }

    /** A token scoped to one brand makes that brand's stills, even from uploaded pixels; others make brand-less ones. */
    private static String soleBrandOf(Caller caller) {
        if (!caller.scope().allBrands() && caller.scope().brands().size() == 1) {
            return caller.scope().brands().iterator().next();
        }
        return null;
    }

    private static byte[] base64(String text, String field) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw AtelierException.invalidParams(field, "The image is not valid base64.");
        }
    }
}
