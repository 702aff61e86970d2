package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Options of a garment preview.
 *
 * @param category canonical category to drape, e.g. {@code dress}; null: what the first input image was designed as
 *                 (its history record's prompt, read through the taxonomy), else a dress
 * @param fabric {@code cotton}, {@code denim}, {@code leather}, {@code silk}, {@code wool} or {@code knit}; null for the
 *               material the first input image's prompt named, else the category's usual fabric
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewGarmentOptions(
        String category,
        String fabric) {
}
