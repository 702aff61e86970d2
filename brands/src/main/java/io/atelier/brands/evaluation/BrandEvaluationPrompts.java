package io.atelier.brands.evaluation;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Language;
import io.atelier.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The branded held-out prompts of a brand's evaluation, written the way its designers would: the category nouns its
 * dataset is made of, each with the house's own word for its code in French and in English ("robe vert Exemple",
 * "Exemple green dress"). Built from the brand, so a jewellery house is evaluated on its bags, not on the demo
 * house's dresses.
 */
public final class BrandEvaluationPrompts {
    /** At most this many categories (the most frequent in the dataset), each in both languages. */
    static final int MAX_CATEGORIES = 6;

    private BrandEvaluationPrompts() {
    }

    /**
     * @param datasetPrompts the model prompts the brand's dataset resolves to (their category tokens say what the
     *     house makes); empty: every category of the taxonomy, up to {@link #MAX_CATEGORIES}
     * @return {fr text, en text, category} rows for {@link FidelityEvaluation#standardPrompts}; a language the house
     *     has no word for is null (that prompt is left out: it could not name the house the way the other does)
     */
    public static List<String[]> branded(Brand brand, List<String> datasetPrompts, Taxonomy taxonomy) {
        Optional<String> fr = houseTerm(brand, "fr");
        Optional<String> en = houseTerm(brand, "en");
        List<String[]> rows = new ArrayList<>();
        for (String category : categories(datasetPrompts, taxonomy)) {
            var entry = taxonomy.require(category);
            // French puts the house word after the noun, English before it, as with any colour.
            String frText = fr.map(term -> entry.wording(Language.FR).sg() + " " + term)
                    .orElse(null);
            String enText = en.map(term -> english(term, entry.wording(Language.EN).sg())).orElse(null);
            if (fr.isEmpty() && en.isEmpty()) {
                // No house word at all: the noun alone, to which the evaluation adds the trigger token as training did.
                frText = entry.wording(Language.FR).sg();
                enText = entry.wording(Language.EN).sg();
            }
            rows.add(new String[] {frText, enText, category});
        }
        return rows;
    }

    // The house word goes before the noun, inside "pair of": "a pair of Exemple green trousers".
    private static String english(String term, String noun) {
        String pair = "pair of ";
        return noun.startsWith(pair) ? pair + term + " " + noun.substring(pair.length()) : term + " " + noun;
    }

    /** The first house word (in the brand's own order) that stands for its trigger token in this language. */
    static Optional<String> houseTerm(Brand brand, String lang) {
        return brand.vocabulary().stream()
                .filter(t -> brand.triggerToken().equals(t.canonical().trim()))
                .filter(t -> t.lang() == null || t.lang().equals(lang))
                .map(VocabularyTerm::term)
                .findFirst();
    }

    /** Category tokens in the prompts, most frequent first (ties in taxonomy order). */
    static List<String> categories(List<String> prompts, Taxonomy taxonomy) {
        List<String> order = taxonomy.tokens(AttributeKind.CATEGORY);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String prompt : prompts) {
            for (String token : prompt.split("\\s+")) {
                if (order.contains(token)) {
                    counts.merge(token, 1, Integer::sum);
                }
            }
        }
        List<String> found = new ArrayList<>(counts.keySet());
        if (found.isEmpty()) {
            found.addAll(order);
        }
        found.sort(Comparator.comparing((String c) -> -counts.getOrDefault(c, 0)).thenComparing(order::indexOf));
        return found.subList(0, Math.min(MAX_CATEGORIES, found.size()));
    }
}
