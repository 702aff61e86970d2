package io.atelier.engine.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.TextSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A model package's own tokenizer.json (atelier-micro's canonical words, the tiny test model): prompt to fixed-length
 * token ids through DJL's HuggingFace tokenizer and the package's tokenizer.json. Truncation
 * keeps a trailing special token (CLIP's end-of-text); padding uses the model's padTokenId.
 */
public final class PackageTokenizer implements PromptTokenizer {
    private final HuggingFaceTokenizer tokenizer;
    private final TextSettings text;

    private PackageTokenizer(HuggingFaceTokenizer tokenizer, TextSettings text) {
        this.tokenizer = tokenizer;
        this.text = text;
    }

    public static PackageTokenizer load(String modelId, Path tokenizerJson, TextSettings text) {
        try {
            return new PackageTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true")), text);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(modelId, "Model '" + modelId + "': component tokenizer is not a"
                    + " HuggingFace tokenizer.json this engine can read.", e);
        }
    }

    /** The package's tokenizer as its manifest describes it: what serving and adapter training both read. */
    public static PackageTokenizer of(ModelPackage modelPackage) {
        return load(modelPackage.manifest().id(), modelPackage.component(ModelManifest.TOKENIZER),
                modelPackage.manifest().text());
    }

    /** The text encoder's fixed length. */
    public int maxLength() {
        return text.maxLength();
    }

    /** The id that fills a prompt shorter than {@link #maxLength}. */
    public long padTokenId() {
        return text.padTokenId();
    }

    /** The package's own tokenizer knows no emphasis syntax: every weight is 1. */
    @Override
    public TokenizedPrompt tokenize(String prompt) {
        long[] ids = ids(prompt);
        float[] weights = new float[ids.length];
        Arrays.fill(weights, 1f);
        return new TokenizedPrompt(ids, weights);
    }

    /** The prompt's ids, cut or padded to the text encoder's length (what {@link #tokenize} weights). */
    public long[] ids(String prompt) {
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
