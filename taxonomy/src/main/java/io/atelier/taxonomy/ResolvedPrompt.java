package io.atelier.taxonomy;

import java.util.List;

/**
 * A prompt in French or English resolved to the model's canonical vocabulary.
 *
 * @param canonicalPrompt    the canonical tokens in canonical order, space-separated ("red stripes dress belt")
 * @param tokens             the same tokens as a list
 * @param language           the prompt's language (given, or detected)
 * @param matched            every recognised term, in prompt order
 * @param unknownWords       words that are neither a taxonomy term nor a stop word, as written
 * @param inapplicableDetails details kept in the prompt that do not apply to its category (sleeves on a handbag)
 * @param ignoredTerms       terms dropped because their slot was already filled (a second colour)
 */
public record ResolvedPrompt(String canonicalPrompt, List<String> tokens, Language language, List<MatchedTerm> matched,
                             List<String> unknownWords, List<String> inapplicableDetails, List<String> ignoredTerms) {

    public ResolvedPrompt {
        tokens = List.copyOf(tokens);
        matched = List.copyOf(matched);
        unknownWords = List.copyOf(unknownWords);
        inapplicableDetails = List.copyOf(inapplicableDetails);
        ignoredTerms = List.copyOf(ignoredTerms);
    }
}
