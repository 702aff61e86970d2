package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code brands.update}: every field left null keeps its value; a list given replaces the whole list.
 *
 * @param brand brand id
 * @param displayName new display name
 * @param languages new languages
 * @param palette new palette
 * @param vocabulary new vocabulary
 * @param policy new policy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandsUpdateParams(
        @JsonProperty(required = true) String brand,
        String displayName,
        List<String> languages,
        List<PaletteColour> palette,
        List<TaxonomyTerm> vocabulary,
        BrandPolicy policy) {
}
