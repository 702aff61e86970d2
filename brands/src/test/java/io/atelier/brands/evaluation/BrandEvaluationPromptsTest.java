package io.atelier.brands.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandPolicy;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.brands.taxonomy.BrandTaxonomyResolver;
import io.atelier.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Branded evaluation prompts come from the brand's own words and the categories of its own dataset. */
class BrandEvaluationPromptsTest {
    private final Taxonomy taxonomy = Taxonomy.standard();

    private static Brand brand(List<VocabularyTerm> vocabulary) {
        return new Brand("maison-rouge", "Maison Rouge", List.of("fr", "en"), List.of(), vocabulary,
                BrandPolicy.DEFAULT, "brand_2", Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void a_handbag_house_is_evaluated_on_handbags_in_its_own_words() {
        Brand house = brand(List.of(
                new VocabularyTerm("sellier", "fr", "handbag strap"),
                new VocabularyTerm("rouge Maison", "fr", "brand_2"),
                new VocabularyTerm("rouges Maison", "fr", "brand_2"),
                new VocabularyTerm("Maison red", "en", "brand_2")));
        List<String[]> rows = BrandEvaluationPrompts.branded(house,
                List.of("brand_2 handbag", "brand_2 stripes handbag", "brand_2 skirt"), taxonomy);
        assertEquals(2, rows.size(), "only the categories the dataset holds");
        assertArrayEquals(new String[] {"sac à main rouge Maison", "Maison red handbag", "handbag"}, rows.get(0));
        assertEquals("skirt", rows.get(1)[2], "the most frequent category comes first");
        // The texts resolve to the brand's trigger token and the category, in both languages.
        var resolver = BrandTaxonomyResolver.standard();
        assertEquals(resolver.resolve(house, rows.get(0)[0], "fr").prompt(),
                resolver.resolve(house, rows.get(0)[1], "en").prompt());
        assertTrue(resolver.resolve(house, rows.get(0)[0], "fr").prompt().startsWith("brand_2 "));
    }

    @Test
    void a_language_without_a_house_word_is_left_out_and_no_words_at_all_leaves_the_nouns() {
        Brand frenchOnly = brand(List.of(new VocabularyTerm("rouge Maison", "fr", "brand_2")));
        assertEquals("pair of Maison red trousers", BrandEvaluationPrompts.branded(
                brand(List.of(new VocabularyTerm("Maison red", "en", "brand_2"))), List.of("brand_2 trousers"),
                taxonomy).get(0)[1]);
        String[] row = BrandEvaluationPrompts.branded(frenchOnly, List.of("brand_2 dress"), taxonomy).get(0);
        assertEquals("robe rouge Maison", row[0]);
        assertNull(row[1]);
        List<EvaluationPrompt> prompts = FidelityEvaluation.standardPrompts(List.<String[]>of(row));
        assertEquals(1, prompts.stream().filter(EvaluationPrompt::branded).count());
        assertEquals(FidelityEvaluation.PLAIN.length, prompts.stream().filter(p -> !p.branded()).count(),
                "the plain prompts stay");

        String[] bare = BrandEvaluationPrompts.branded(brand(List.of()), List.of(), taxonomy).get(0);
        assertEquals(BrandEvaluationPrompts.MAX_CATEGORIES,
                BrandEvaluationPrompts.branded(brand(List.of()), List.of(), taxonomy).size(),
                "an empty dataset: the first categories of the taxonomy");
        assertEquals(taxonomy.require(bare[2]).en().sg(), bare[1]);
    }

    @Test
    void every_plain_prompt_resolves_to_the_category_and_colour_the_judge_is_asked_for() {
        var resolver = BrandTaxonomyResolver.standard();
        java.util.Set<String> colours = new java.util.HashSet<>();
        for (String[] p : FidelityEvaluation.PLAIN) {
            var resolved = resolver.resolve(null, p[1], p[0]);
            assertEquals(List.of(), resolved.unknownTerms(), p[1]);
            List<String> tokens = List.of(resolved.prompt().split(" "));
            assertTrue(tokens.contains(p[2]) && tokens.contains(p[3]), p[1] + " -> " + resolved.prompt());
            colours.add(p[3]);
        }
        assertEquals(taxonomy.colours().size(), colours.size(), "every colour of the taxonomy");
    }
}
