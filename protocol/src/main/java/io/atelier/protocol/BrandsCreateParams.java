package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code brands.create}. The bridge assigns the trigger token.
 *
 * @param id new brand id, lower-case letters, digits and dashes; must not exist yet
 * @param displayName name shown to designers
 * @param languages {@code fr} and/or {@code en}; null for both
 * @param palette house colours; null for none
 * @param vocabulary house terms; null for none
 * @param policy null allows embedding the prompt (the default for brands created without a policy)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandsCreateParams(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String displayName,
        List<String> languages,
        List<PaletteColour> palette,
        List<TaxonomyTerm> vocabulary,
        BrandPolicy policy) {
}
