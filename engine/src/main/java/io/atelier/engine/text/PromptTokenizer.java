package io.atelier.engine.text;


/**
 * A prompt to the text encoder's fixed-length token ids, with a weight per token (A1111 emphasis where the
 * tokenizer understands it, else 1). An atelier package brings its own tokenizer.json; a CLIP checkpoint uses
 * CLIP's BPE ({@link ClipPromptTokenizer}).
 */
public interface PromptTokenizer extends AutoCloseable {

    TokenizedPrompt tokenize(String prompt);

    @Override
    void close();
}
