package io.atelier.taxonomy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptGlossaryTest {

    private final PromptGlossary glossary = PromptGlossary.standard();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "robe rouge à rayures | red striped dress",
            "robe rouge | red dress",
            "jupe rouge | red skirt",
            "robe bleue | blue dress",
            "pantalon bleu | blue trousers",
            "pantalons bleu marine | navy trousers",
            "une jupe bleu marine | a navy skirt",
            "des robes vertes à pois | green polka-dot dresses",
            "jupe rayée bleue | blue striped skirt",
            "robe avec ceinture | dress with belt",
            "avec ceinture | with belt",
            "robe ceinturée | belted dress",
            "sweat gris à capuche | grey hooded sweatshirt",
            "robe rouge sans manches | red sleeveless dress",
            "une robe rouge à rayures avec ceinture et manches courtes | a red striped dress with belt and short sleeves",
            "sac de cuir | leather handbag",
            "sac à main en cuir noir | black leather handbag",
            "une robe orange | an orange dress",
            "robe rouge et noire | red and black dress",
            "jean bleu | blue jeans",
            "ROBE Rouge À RAYURES | red striped dress",
            "robe rouge a rayures | red striped dress",
            "jupe ÉCOSSAISE marron | brown checked skirt",
    })
    void french_terms_become_english_in_english_word_order(String french, String english) {
        assertEquals(english, glossary.translate(french, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "oversized camel trench coat, belted, cinematic fashion photo",
            "a red rose on a black dress, coins on the table, marine light",
            "(masterpiece:1.2), [red dress], <lora:robe_rouge:0.8>, 8k, BREAK  double  spaces",
    })
    void an_english_prompt_comes_back_byte_for_byte(String english) {
        assertEquals(english, glossary.translate(english, null));
    }

    @Test
    void everything_the_taxonomy_does_not_know_passes_through_as_written() {
        assertEquals("oversized red dress in flowing crêpe, cinematic fashion photo, 35mm",
                glossary.translate("oversized robe rouge in flowing crêpe, cinematic fashion photo, 35mm", Language.FR));
        assertEquals("red dress scintillante de soirée, volants", glossary.translate(
                "robe rouge scintillante de soirée, volants", Language.FR));
    }

    @Test
    void emphasis_and_lora_tags_survive_around_translated_words() {
        assertEquals("(red dress:1.3), [black leather handbag], <lora:robe:0.8> <lora:sac_noir:1>",
                glossary.translate("(robe rouge:1.3), [sac en cuir noir], <lora:robe:0.8> <lora:sac_noir:1>", null));
        assertEquals("((striped skirt)), red:1.1", glossary.translate("((jupe à rayures)), rouge:1.1", null));
    }

    @Test
    void punctuation_splits_phrases_and_is_kept() {
        assertEquals("dress, red; with belt.", glossary.translate("robe, rouge; avec ceinture.", Language.FR));
    }

    @Test
    void unknown_french_words_and_stop_words_that_serve_nothing_stay_as_written() {
        assertEquals("dress de soirée longue", glossary.translate("robe de soirée longue", Language.FR));
        assertEquals("l'écharpe et le chapeau", glossary.translate("l'écharpe et le chapeau", Language.FR));
    }

    @Test
    void english_terms_in_a_french_prompt_keep_their_wording() {
        assertEquals("a black bomber with zip", glossary.translate("un bomber noir avec zip", Language.FR));
        assertEquals("black leather perfecto", glossary.translate("perfecto noir en cuir", Language.FR));
    }

    @Test
    void the_language_given_wins_over_detection() {
        assertEquals("robe rouge", glossary.translate("robe rouge", Language.EN));
        assertEquals("red dress", glossary.translate("robe rouge", Language.FR));
    }

    @Test
    void replacements_move_like_modifiers_in_a_french_phrase_and_stay_in_place_elsewhere() {
        String text = "robe vert Exemple à rayures";
        List<PromptGlossary.Replacement> house = List.of(new PromptGlossary.Replacement(5, 17, "Exemple green", List.of("brand_3")));
        assertEquals("Exemple green striped dress", glossary.translate(text, Language.FR, house));
        String english = "dress in vert Exemple";
        assertEquals("dress in Exemple green", glossary.translate(english, Language.EN,
                List.of(new PromptGlossary.Replacement(9, 21, "Exemple green", List.of("brand_3")))));
    }

    @Test
    void canonical_tokens_are_said_in_english() {
        assertEquals("handbag with shoulder strap", glossary.english(List.of("handbag", "strap")).orElseThrow());
        assertEquals("jeans", glossary.english(List.of("trousers", "denim")).orElseThrow());
        assertEquals("red sleeveless silk dress",
                glossary.english(List.of("dress", "red", "sleeveless", "silk")).orElseThrow());
        assertTrue(glossary.english(List.of("brand_3")).isEmpty(), "a trigger token has no English");
    }

    @Test
    void a_long_prompt_is_translated_quickly_and_completely() {
        String piece = "robe rouge à rayures avec ceinture, (sac en cuir noir:1.2), cinematic photo, ";
        String french = piece.repeat(4000 / piece.length() + 1);
        String english = "red striped dress with belt, (black leather handbag:1.2), cinematic photo, ";
        String translated = assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> glossary.translate(french, null));
        assertEquals(english.repeat(4000 / piece.length() + 1), translated);
    }
}
