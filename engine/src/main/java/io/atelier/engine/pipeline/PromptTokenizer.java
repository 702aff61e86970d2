package io.atelier.engine.pipeline;

import io.atelier.engine.text.TokenizedPrompt;

/**
 * A prompt to the text encoder's fixed-length token ids, with a weight per token (A1111 emphasis where the
 * tokenizer understands it, else 1). An atelier package brings its own tokenizer.json; a CLIP checkpoint uses
 * CLIP's BPE ({@link ClipPromptTokenizer}).
 */
interface PromptTokenizer extends AutoCloseable {

    TokenizedPrompt tokenize(String prompt);

    @Override
    void close();
}
