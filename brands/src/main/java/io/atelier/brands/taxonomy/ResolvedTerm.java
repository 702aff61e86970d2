package io.atelier.brands.taxonomy;

/**
 * A term of the designer's text that was understood.
 *
 * @param term      the words as written
 * @param lang      {@code fr} or {@code en}
 * @param canonical the token(s) it became, space-separated
 * @param house     true when it came from the brand's vocabulary rather than the shared taxonomy
 */
public record ResolvedTerm(String term, String lang, String canonical, boolean house) {
}
