package io.atelier.engine.pipeline;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.model.TextSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Prompt to fixed-length token ids through DJL's HuggingFace tokenizer and the package's tokenizer.json. Truncation
 * keeps a trailing special token (CLIP's end-of-text); padding uses the model's padTokenId.
 */
final class PromptTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final TextSettings text;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, TextSettings text) {
        this.tokenizer = tokenizer;
        this.text = text;
    }

    static PromptTokenizer load(String modelId, Path tokenizerJson, TextSettings text) {
        try {
            return new PromptTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true")), text);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(modelId, "Model '" + modelId + "': component tokenizer is not a"
                    + " HuggingFace tokenizer.json this engine can read.", e);
        }
    }

    long[] ids(String prompt) {
        Encoding encoding = tokenizer.encode(prompt == null ? "" : prompt);
        long[] ids = encoding.getIds();
        long[] special = encoding.getSpecialTokenMask();
        int length = text.maxLength();
        long[] fixed = new long[length];
        Arrays.fill(fixed, text.padTokenId());
        if (ids.length <= length) {
            System.arraycopy(ids, 0, fixed, 0, ids.length);
        } else {
            boolean endsWithSpecial = special.length == ids.length && special[ids.length - 1] == 1;
            System.arraycopy(ids, 0, fixed, 0, length);
            if (endsWithSpecial) {
                fixed[length - 1] = ids[ids.length - 1];
            }
        }
        return fixed;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
