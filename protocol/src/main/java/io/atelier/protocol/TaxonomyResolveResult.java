package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code taxonomy.resolve}: how the designer's words were understood. {@code images.generate} resolves its
 * prompt the same way and records the outcome in history.
 *
 * @param prompt canonical tokens in canonical order ({@code <colour> <pattern> <category> <details…> <material?>}), joined by spaces
 * @param matchedTerms every term understood, in text order, with the token it became
 * @param unknownTerms words that matched nothing and were left out of the prompt, in text order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxonomyResolveResult(
        @JsonProperty(required = true) String prompt,
        @JsonProperty(required = true) List<TaxonomyTerm> matchedTerms,
        @JsonProperty(required = true) List<String> unknownTerms) {
}
