package io.atelier.taxonomy;

/**
 * One term of a prompt the taxonomy recognised.
 *
 * @param term      the words as the user wrote them ("Sac à main")
 * @param lang      "fr" or "en": the language the term belongs to (the prompt's language when it exists in both)
 * @param canonical the canonical token(s) it means, space-separated ("handbag"; "trousers denim" for "jean")
 */
public record MatchedTerm(String term, String lang, String canonical) {
}
