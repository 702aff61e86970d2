package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An image given to the bridge: either the id of a stored image or a base64 PNG/JPEG. Exactly one is set.
 *
 * @param id id of an image the bridge already stores
 * @param base64 base64 of PNG or JPEG bytes (no data: prefix)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageInput(
        String id,
        String base64) {

    /** An input naming an image the bridge already stores. */
    public static ImageInput ofId(String id) {
        return new ImageInput(id, null);
    }

    /** An input carrying encoded image bytes. */
    public static ImageInput ofBase64(String base64) {
        return new ImageInput(null, base64);
    }
}
