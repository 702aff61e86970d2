package io.atelier.brands.taxonomy;

import java.util.List;

/**
 * How a designer's words were understood for one brand (or none).
 *
 * @param prompt       the model prompt. Canonical tokens (atelier-micro): the brand's trigger token first when a
 *                     house code was named, then the canonical tokens in canonical order, space-separated. Glossary
 *                     (CLIP models): the text with French terms and house words in English, the rest as written
 * @param tokens       the canonical tokens the words mean, in that order (the canonical prompt as a list, whatever
 *                     the style)
 * @param lang         the text's language, given or detected ({@code fr} or {@code en})
 * @param matchedTerms every term understood, in text order
 * @param unknownTerms words that matched nothing, in text order: left out of a canonical prompt, passed through as
 *                     written in a glossary one
 */
public record BrandResolution(String prompt, List<String> tokens, String lang, List<ResolvedTerm> matchedTerms,
                              List<String> unknownTerms) {

    public BrandResolution {
        tokens = List.copyOf(tokens);
        matchedTerms = List.copyOf(matchedTerms);
        unknownTerms = List.copyOf(unknownTerms);
    }
}
