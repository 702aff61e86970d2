package io.atelier.micro.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.atelier.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CanonicalTokenizerJsonTest {

    /** The vocabulary exactly as contracts.md fixes it. */
    private static List<String> contractVocabulary() {
        List<String> expected = new ArrayList<>(List.of("[PAD]", "[UNK]",
                "dress", "biker_jacket", "bomber", "trousers", "skirt", "sweatshirt", "tshirt", "handbag",
                "black", "red", "blue", "navy", "green", "yellow", "pink", "purple", "orange", "brown", "beige", "grey",
                "solid", "stripes", "check", "polka_dots", "leopard",
                "zip", "buttons", "collar", "belt", "pockets", "hood", "long_sleeves", "short_sleeves", "sleeveless",
                "metal_corners", "clasp", "strap",
                "cotton", "denim", "leather", "silk", "wool"));
        for (int i = 0; i < 32; i++) {
            expected.add("brand_" + i);
        }
        return expected;
    }

    @Test
    void vocabulary_is_exactly_the_contract_vocabulary() {
        assertEquals(contractVocabulary(), Taxonomy.standard().canonicalVocabulary());
    }

    @Test
    void committed_tokenizer_json_is_what_the_generator_writes() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(CanonicalTokenizerJson.RESOURCE)) {
            String committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(CanonicalTokenizerJson.renderStandard(), committed,
                    "regenerate micro/src/main/resources/io/atelier/micro/tokenizer.json with CanonicalTokenizerJson");
        }
    }

    @Test
    void djl_tokenizer_encodes_a_canonical_prompt_to_vocabulary_ids() throws Exception {
        Path file = Files.createTempFile("tokenizer", ".json");
        try (InputStream in = getClass().getResourceAsStream(CanonicalTokenizerJson.RESOURCE)) {
            Files.write(file, in.readAllBytes());
        }
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file)) {
            Encoding encoding = tokenizer.encode("red stripes dress belt short_sleeves");
            assertArrayEquals(new long[] {11, 23, 2, 30, 34}, encoding.getIds());

            // The Lowercase normalizer accepts any case; unknown words map to [UNK]=1; brand codes are single tokens.
            assertArrayEquals(new long[] {10, 26, 9, 1, 75}, tokenizer.encode("Black LEOPARD handbag sparkly brand_31").getIds());
            assertArrayEquals(new long[] {0, 1}, tokenizer.encode("[PAD] [UNK]").getIds());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
