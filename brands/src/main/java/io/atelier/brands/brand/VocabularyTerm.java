package io.atelier.brands.brand;

/**
 * A house word mapped to what the model understands.
 *
 * @param term      the word or phrase as the house writes it, e.g. {@code rouge Exemple}, {@code coins dorés}
 * @param lang      {@code fr} or {@code en}; null when the term is the same in both languages
 * @param canonical one or more canonical tokens separated by spaces ({@code red}, {@code trousers denim}), or the
 *                  brand's own trigger token ({@code brand_3}); on input the alias {@link #TRIGGER_ALIAS} stands for
 *                  the trigger token, which is only known once the brand exists
 */
public record VocabularyTerm(String term, String lang, String canonical) {

    /** Written in place of the brand's trigger token when creating a brand, replaced by it on storage. */
    public static final String TRIGGER_ALIAS = "@brand";
}
