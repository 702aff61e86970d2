package io.atelier.engine.pipeline;

import io.atelier.engine.text.ClipTokenizer;
import io.atelier.engine.text.TokenizedPrompt;

/** CLIP's byte-level BPE with A1111 emphasis, cut or padded to the text encoder's context. */
final class ClipPromptTokenizer implements PromptTokenizer {
    private final int contextLength;

    ClipPromptTokenizer(int contextLength) {
        this.contextLength = contextLength;
    }

    @Override
    public TokenizedPrompt tokenize(String prompt) {
        return ClipTokenizer.standard().tokenize(prompt == null ? "" : prompt, contextLength);
    }

    @Override
    public void close() {
        // The vocabulary is shared by every CLIP model and stays loaded.
    }
}
