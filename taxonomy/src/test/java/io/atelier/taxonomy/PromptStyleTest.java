package io.atelier.taxonomy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromptStyleTest {

    @Test
    void atelier_micro_reads_canonical_tokens_and_every_other_family_the_glossary() {
        assertEquals(PromptStyle.CANONICAL_TOKENS, PromptStyle.forFamily("atelier-micro"));
        assertEquals(PromptStyle.GLOSSARY, PromptStyle.forFamily("sd1"));
        assertEquals(PromptStyle.GLOSSARY, PromptStyle.forFamily("sdxl"));
        assertEquals(PromptStyle.GLOSSARY, PromptStyle.forFamily(null));
    }
}
