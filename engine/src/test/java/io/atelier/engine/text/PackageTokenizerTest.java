package io.atelier.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.model.TextSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny package's tokenizer.json through DJL's HuggingFace tokenizer: the canonical vocabulary of contracts.md. */
class PackageTokenizerTest {
    @TempDir
    Path home;

    @Test
    void canonical_tokens_map_to_their_contract_ids_case_insensitively_and_pad() {
        ModelPackage tiny = new ModelRegistry(home, home.resolve("cache")).open("atelier-tiny");
        try (PackageTokenizer tokenizer = PackageTokenizer.load("atelier-tiny", tiny.component("tokenizer"),
                tiny.manifest().text())) {
            // [PAD]=0 [UNK]=1, dress=2 (first category), red=11 (second colour), stripes=23 (second pattern)
            assertArrayEquals(new long[] {11, 23, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                    tokenizer.ids("Red STRIPES dress sparkly"));
        }
    }

    @Test
    void long_prompts_are_truncated_to_max_length() {
        ModelPackage tiny = new ModelRegistry(home, home.resolve("cache")).open("atelier-tiny");
        try (PackageTokenizer tokenizer = PackageTokenizer.load("atelier-tiny", tiny.component("tokenizer"),
                new TextSettings(4, 32, 0))) {
            assertArrayEquals(new long[] {2, 2, 2, 2}, tokenizer.ids("dress dress dress dress dress dress"));
        }
    }
}
