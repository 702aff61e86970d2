package io.atelier.brands.taxonomy;

import java.util.List;

/**
 * How a designer's words were understood for one brand (or none).
 *
 * @param prompt       the model prompt: the brand's trigger token first when a house code was named, then the
 *                     canonical tokens in canonical order, space-separated
 * @param tokens       the same tokens as a list
 * @param lang         the text's language, given or detected ({@code fr} or {@code en})
 * @param matchedTerms every term understood, in text order
 * @param unknownTerms words that matched nothing and were left out, in text order
 */
public record BrandResolution(String prompt, List<String> tokens, String lang, List<ResolvedTerm> matchedTerms,
                              List<String> unknownTerms) {

    public BrandResolution {
        tokens = List.copyOf(tokens);
        matchedTerms = List.copyOf(matchedTerms);
        unknownTerms = List.copyOf(unknownTerms);
    }
}
