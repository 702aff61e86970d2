package io.atelier.taxonomy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaxonomyResolverTest {

    private final TaxonomyResolver resolver = TaxonomyResolver.standard();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "une robe rouge à rayures avec ceinture et manches courtes | a red striped dress with a belt and short sleeves | red stripes dress belt short_sleeves",
            "des robes vertes à pois | green polka dot dresses | green polka_dots dress",
            "une robe verte | a green dress | green dress",
            "un pantalon vert | green trousers | green trousers",
            "des blousons verts | green bombers | green bomber",
            "des jupes violettes rayées | purple striped skirts | purple stripes skirt",
            "une jupe violette rayée | a purple striped skirt | purple stripes skirt",
            "un blouson violet à carreaux | a purple checked bomber jacket | purple check bomber",
            "Perfecto noir en cuir avec zip | black leather biker jacket with a zipper | black biker_jacket zip leather",
            "perfectos noirs zippés | black zipped biker jackets | black biker_jacket zip",
            "pantalons bleu marine | navy blue trousers | navy trousers",
            "une chemise bleue | a blue shirt | blue",
            "un sac à main beige avec fermoir et coins métalliques | a beige handbag with a clasp and metal corners | beige handbag metal_corners clasp",
            "sacs à main rouges à bandoulière | red handbags with shoulder straps | red handbag strap",
            "sweat gris à capuche zippé | grey hooded zip-up sweatshirt | grey sweatshirt zip hood",
            "t-shirt jaune uni à manches longues | yellow plain long-sleeved t-shirt | yellow solid tshirt long_sleeves",
            "tee-shirts jaunes unis | plain yellow tees | yellow solid tshirt",
            "Robe léopard sans manches en soie | sleeveless leopard print silk dress | leopard dress sleeveless silk",
            "jupe ÉCOSSAISE marron | brown tartan skirt | brown check skirt",
            "robes marron | brown dresses | brown dress",
            "un sweat rose avec poches | a pink sweatshirt with pockets | pink sweatshirt pockets",
            "robe grise à col et boutons | grey dress with a collar and buttons | grey dress buttons collar",
            "robes grises boutonnées | buttoned gray dresses | grey dress buttons",
            "jean bleu | blue jeans | blue trousers denim",
            "blouson orange en laine | orange wool bomber | orange bomber wool",
            "blousons oranges | orange bombers | orange bomber",
            "une jupe violette en denim à carreaux | a purple check denim skirt | purple check skirt denim",
            "des perfectos violets ceinturés | purple belted biker jackets | purple biker_jacket belt",
            "robe noire unie à manches longues | black solid long sleeve dress | black solid dress long_sleeves",
            "blouse? non : sac à main noir à pois | a black polka-dot handbag | black polka_dots handbag",
    })
    void a_french_prompt_and_its_english_translation_resolve_identically(String fr, String en, String canonical) {
        // The first half of the last row is a French aside the resolver must tolerate: unknown words are reported.
        assertEquals(canonical, resolver.resolve(fr, Language.FR).canonicalPrompt(), fr);
        assertEquals(canonical, resolver.resolve(en, Language.EN).canonicalPrompt(), en);
        assertEquals(canonical, resolver.resolve(fr).canonicalPrompt(), fr + " (detected)");
        assertEquals(canonical, resolver.resolve(en).canonicalPrompt(), en + " (detected)");
    }

    @Test
    void unknown_words_are_reported_as_written() {
        ResolvedPrompt resolved = resolver.resolve("une robe rouge scintillante avec des Volants");
        assertEquals("red dress", resolved.canonicalPrompt());
        assertEquals(List.of("scintillante", "Volants"), resolved.unknownWords());
        assertEquals(Language.FR, resolved.language());
    }

    @Test
    void a_detail_that_does_not_apply_to_the_category_is_kept_and_reported() {
        ResolvedPrompt resolved = resolver.resolve("un sac à main rouge à manches longues avec capuche");
        assertEquals("red handbag hood long_sleeves", resolved.canonicalPrompt());
        assertEquals(List.of("hood", "long_sleeves"), resolved.inapplicableDetails());
    }

    @Test
    void longest_terms_win_and_matched_terms_keep_their_spelling_and_language() {
        ResolvedPrompt resolved = resolver.resolve("Sac à Main BLEU MARINE");
        assertEquals("navy handbag", resolved.canonicalPrompt());
        assertEquals(List.of(new MatchedTerm("Sac à Main", "fr", "handbag"), new MatchedTerm("BLEU MARINE", "fr", "navy")),
                resolved.matched());
    }

    @Test
    void elisions_and_stop_words_are_skipped() {
        ResolvedPrompt resolved = resolver.resolve("l'imprimé léopard d'un sac en cuir");
        assertEquals("leopard handbag leather", resolved.canonicalPrompt());
        assertEquals(List.of(), resolved.unknownWords());
    }

    @Test
    void a_second_colour_is_ignored_and_reported() {
        ResolvedPrompt resolved = resolver.resolve("a red and black dress");
        assertEquals("red dress", resolved.canonicalPrompt());
        assertEquals(List.of("black"), resolved.ignoredTerms());
    }

    @Test
    void canonical_prompts_resolve_to_themselves() {
        String canonical = "red stripes dress belt short_sleeves cotton";
        assertEquals(canonical, resolver.resolve(canonical).canonicalPrompt());
        assertEquals("yellow polka_dots handbag metal_corners", resolver.resolve("handbag polka_dots yellow metal_corners").canonicalPrompt());
    }

    @Test
    void language_is_detected_from_words_said_in_one_language_only() {
        assertEquals(Language.FR, resolver.resolve("une robe").language());
        assertEquals(Language.EN, resolver.resolve("a dress").language());
        assertEquals(Language.FR, resolver.resolve("sweat beige avec capuche").language());
        assertEquals(Language.EN, resolver.resolve("beige sweatshirt").language());
    }
}
