package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code taxonomy.resolve}: how the designer's words were understood. {@code images.generate} resolves its
 * prompt the same way and records the outcome in history.
 *
 * @param prompt exactly what the model receives. For an {@code atelier-micro} model: canonical tokens in canonical
 *               order ({@code <colour> <pattern> <category> <details…> <material?>}), joined by spaces. For any other
 *               model (a CLIP text encoder): the glossary text, i.e. the designer's text with the French terms and
 *               the brand's house words said in English and everything else as written
 *               ({@code robe rouge à rayures, cinematic} → {@code red striped dress, cinematic})
 * @param matchedTerms every term understood, in text order, with the token it became (the same for both kinds of model)
 * @param unknownTerms words that matched nothing, in text order: left out of a canonical prompt, passed through as
 *                     written in a glossary one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxonomyResolveResult(
        @JsonProperty(required = true) String prompt,
        @JsonProperty(required = true) List<TaxonomyTerm> matchedTerms,
        @JsonProperty(required = true) List<String> unknownTerms) {
}
