package io.atelier.engine.text;

import java.util.Objects;

/**
 * A piece of a prompt and its emphasis: 1 is neutral, above 1 the text matters more to the image, below 1 less.
 * {@code (red)} gives "red" weight 1.1, {@code [red]} 1/1.1, {@code (red:1.3)} 1.3.
 */
public record WeightedText(String text, float weight) {
    public WeightedText {
        Objects.requireNonNull(text, "text");
    }
}
