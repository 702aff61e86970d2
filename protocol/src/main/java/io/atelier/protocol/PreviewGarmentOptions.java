package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Options of a garment preview.
 *
 * @param category canonical category to drape, e.g. {@code dress}
 * @param fabric {@code cotton}, {@code denim}, {@code leather}, {@code silk}, {@code wool} or {@code knit}; null for the
 *               category's usual fabric
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewGarmentOptions(
        @JsonProperty(required = true) String category,
        String fabric) {
}
