package io.atelier.micro.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The package's tokenizer.json, padded or cut to the text encoder's fixed length with [PAD] = 0. */
public final class PromptTokenizer implements AutoCloseable {

    public static final int PAD_ID = 0;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;

    public PromptTokenizer(Path tokenizerJson, int maxLength) {
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.maxLength = maxLength;
    }

    public long[] ids(String prompt) {
        long[] ids = new long[maxLength];
        long[] raw = tokenizer.encode(prompt).getIds();
        System.arraycopy(raw, 0, ids, 0, Math.min(raw.length, maxLength));
        return ids;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
