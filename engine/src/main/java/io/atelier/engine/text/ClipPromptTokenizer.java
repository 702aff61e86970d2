package io.atelier.engine.text;

/** CLIP's byte-level BPE with A1111 emphasis, cut or padded to the text encoder's context. */
public final class ClipPromptTokenizer implements PromptTokenizer {
    private final int contextLength;

    public ClipPromptTokenizer(int contextLength) {
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
