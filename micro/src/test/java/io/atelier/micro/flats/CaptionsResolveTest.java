package io.atelier.micro.flats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atelier.taxonomy.Language;
import io.atelier.taxonomy.ResolvedPrompt;
import io.atelier.taxonomy.TaxonomyResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator writes its captions in the taxonomy's words: both languages resolve to the flat's own prompt. */
class CaptionsResolveTest {
    private final TaxonomyResolver resolver = TaxonomyResolver.standard();

    @Test
    void generated_captions_in_both_languages_resolve_to_the_flat_canonical_prompt() {
        for (long seed = 0; seed < 400; seed++) {
            FlatSample sample = FlatsGenerator.sample(seed, 32);
            ResolvedPrompt fr = resolver.resolve(sample.captionFr());
            ResolvedPrompt en = resolver.resolve(sample.captionEn());
            assertEquals(sample.canonicalPrompt(), fr.canonicalPrompt(), sample.captionFr());
            assertEquals(sample.canonicalPrompt(), en.canonicalPrompt(), sample.captionEn());
            assertEquals(List.of(), fr.unknownWords(), sample.captionFr());
            assertEquals(List.of(), en.unknownWords(), sample.captionEn());
            assertEquals(Language.FR, fr.language(), sample.captionFr());
            assertEquals(Language.EN, en.language(), sample.captionEn());
        }
    }
}
