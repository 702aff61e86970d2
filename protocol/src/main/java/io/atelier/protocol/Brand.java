package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A house: its identity, its colours, its own words and what the model learnt of it. Result of {@code brands.get},
 * {@code brands.create} and {@code brands.update}.
 *
 * @param id stable id, lower-case letters, digits and dashes, e.g. {@code maison-exemple}
 * @param displayName name shown to designers, e.g. {@code Maison Exemple}
 * @param languages languages its designers write in, {@code fr} and/or {@code en}
 * @param palette the house colours
 * @param vocabulary the house's own terms and synonyms, mapped to canonical tokens or to its learnt token
 * @param policy what the house allows
 * @param triggerToken the reserved token ({@code brand_0} … {@code brand_31}) its adapters learn the house codes under; assigned by the bridge at creation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Brand(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String displayName,
        @JsonProperty(required = true) List<String> languages,
        @JsonProperty(required = true) List<PaletteColour> palette,
        @JsonProperty(required = true) List<TaxonomyTerm> vocabulary,
        @JsonProperty(required = true) BrandPolicy policy,
        String triggerToken) {
}
