package io.atelier.engine.text;

import java.util.Objects;

/**
 * A prompt as the text encoder takes it: {@code ids[i]} is the token at context position i (start-of-text first,
 * end-of-text last and as padding) and {@code weights[i]} its emphasis, by which {@link PromptEmphasis#apply} scales
 * that position's encoded vector. Both arrays have the context length. Arrays compare by identity, as in any record.
 */
public record TokenizedPrompt(long[] ids, float[] weights) {
    public TokenizedPrompt {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(weights, "weights");
        if (ids.length != weights.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + weights.length + " weights");
        }
    }
}
