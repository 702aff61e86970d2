package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One word or phrase mapped to a canonical model token, in both directions of the taxonomy: an entry of a brand's
 * vocabulary, or a term {@code taxonomy.resolve} understood in the designer's text.
 *
 * @param term the word as written by the designer or the brand, e.g. {@code perfecto}, {@code rayures}
 * @param lang {@code fr} or {@code en}; null when the term is the same in both languages
 * @param canonical the canonical token it means, e.g. {@code biker_jacket}, or a brand's learnt token such as {@code brand_3}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxonomyTerm(
        @JsonProperty(required = true) String term,
        String lang,
        @JsonProperty(required = true) String canonical) {
}
