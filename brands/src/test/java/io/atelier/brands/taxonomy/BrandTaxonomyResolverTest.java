package io.atelier.brands.taxonomy;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandPolicy;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.taxonomy.PromptStyle;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrandTaxonomyResolverTest {

    private final BrandTaxonomyResolver resolver = BrandTaxonomyResolver.standard();

    /** Maison Exemple's words: a house colour learnt as brand_3, and a house name for a shoulder-strapped bag. */
    private final Brand maison = new Brand("maison-exemple", "Maison Exemple", List.of("fr", "en"), List.of(),
            List.of(new VocabularyTerm("rouge Exemple", "fr", "brand_3"),
                    new VocabularyTerm("Exemple red", "en", "brand_3"),
                    new VocabularyTerm("besace", "fr", "handbag strap"),
                    new VocabularyTerm("satchel", "en", "handbag strap")),
            BrandPolicy.DEFAULT, "brand_3", Instant.EPOCH, Instant.EPOCH);

    @Test
    void a_house_term_resolves_to_the_brand_trigger_token() {
        BrandResolution resolution = resolver.resolve(maison, "une robe rouge Exemple à rayures", "fr");
        assertEquals("brand_3 stripes dress", resolution.prompt());
        assertEquals(List.of(new ResolvedTerm("robe", "fr", "dress", false),
                        new ResolvedTerm("rouge Exemple", "fr", "brand_3", true),
                        new ResolvedTerm("à rayures", "fr", "stripes", false)),
                resolution.matchedTerms());
    }

    @Test
    void french_and_english_give_the_same_prompt_with_house_terms() {
        BrandResolution fr = resolver.resolve(maison, "besace rouge Exemple en cuir", null);
        BrandResolution en = resolver.resolve(maison, "Exemple red leather satchel", null);
        assertEquals("brand_3 handbag strap leather", fr.prompt());
        assertEquals(fr.prompt(), en.prompt());
        assertEquals("fr", fr.lang());
        assertEquals("en", en.lang());
    }

    @Test
    void house_tokens_follow_the_base_slot_rules_and_canonical_order() {
        // "satchel" brings handbag+strap; the base colour and detail slot around it in canonical order.
        assertEquals("black handbag clasp strap", resolver.resolve(maison, "satchel with a clasp, black", "en").prompt());
    }

    @Test
    void unknown_words_are_reported_in_text_order_and_left_out() {
        BrandResolution resolution = resolver.resolve(maison, "robe scintillante rouge Exemple avec volants", "fr");
        assertEquals("brand_3 dress", resolution.prompt());
        assertEquals(List.of("scintillante", "volants"), resolution.unknownTerms());
    }

    @Test
    void without_a_brand_only_the_shared_taxonomy_applies() {
        BrandResolution resolution = resolver.resolve(null, "une robe rouge Exemple", "fr");
        assertEquals("red dress", resolution.prompt());
        assertEquals(List.of("Exemple"), resolution.unknownTerms());
    }

    @Test
    void an_unsupported_language_is_refused_naming_the_field() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolver.resolve(maison, "robe", "de"));
        assertEquals("lang", e.field());
    }

    /** Maison Exemple as shipped: its French house words and their English twins all mean the trigger token. */
    private final Brand exemple = new Brand("maison-exemple", "Maison Exemple", List.of("fr", "en"), List.of(),
            List.of(new VocabularyTerm("vert Exemple", "fr", "brand_3"),
                    new VocabularyTerm("verte Exemple", "fr", "brand_3"),
                    new VocabularyTerm("Exemple green", "en", "brand_3"),
                    new VocabularyTerm("chaîne dorée", "fr", "brand_3"),
                    new VocabularyTerm("gold chain", "en", "brand_3"),
                    new VocabularyTerm("coins dorés", "fr", "metal_corners"),
                    new VocabularyTerm("galon", "fr", "brand_3 collar")),
            BrandPolicy.DEFAULT, "brand_3", Instant.EPOCH, Instant.EPOCH);

    @Test
    void for_a_clip_model_house_words_become_the_brands_own_english_words() {
        assertEquals("an Exemple green striped dress with gold chain", resolver.resolve(exemple,
                "une robe verte Exemple à rayures avec chaîne dorée", "fr", PromptStyle.GLOSSARY).prompt());
        // No English twin: the English of the canonical tokens; no English at all: as written.
        assertEquals("handbag with metal corners, galon", resolver.resolve(exemple, "sac avec coins dorés, galon",
                "fr", PromptStyle.GLOSSARY).prompt());
    }

    @Test
    void for_a_clip_model_a_house_garment_takes_its_modifiers_before_it() {
        assertEquals("Exemple red leather satchel",
                resolver.resolve(maison, "besace rouge Exemple en cuir", "fr", PromptStyle.GLOSSARY).prompt());
    }

    @Test
    void for_a_clip_model_english_house_words_and_english_text_stay_as_written() {
        String english = "Exemple green satchel with a gold chain, (cinematic:1.2)";
        assertEquals(english, resolver.resolve(maison, english, null, PromptStyle.GLOSSARY).prompt());
        assertEquals(english, resolver.resolve(exemple, english, null, PromptStyle.GLOSSARY).prompt());
    }

    @Test
    void both_styles_report_the_same_reading_of_the_words() {
        String text = "robe scintillante rouge Exemple avec volants";
        BrandResolution canonical = resolver.resolve(maison, text, "fr", PromptStyle.CANONICAL_TOKENS);
        BrandResolution glossary = resolver.resolve(maison, text, "fr", PromptStyle.GLOSSARY);
        assertEquals("brand_3 dress", canonical.prompt());
        assertEquals("dress scintillante Exemple red avec volants", glossary.prompt()); // "avec" serves an unknown word
        assertEquals(canonical.matchedTerms(), glossary.matchedTerms());
        assertEquals(List.of("scintillante", "volants"), glossary.unknownTerms());
        assertEquals(canonical.tokens(), glossary.tokens());
    }
}
