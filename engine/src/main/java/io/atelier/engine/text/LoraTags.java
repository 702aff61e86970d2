package io.atelier.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A1111's prompt syntax for LoRAs, {@code <lora:name>} and {@code <lora:name:weight>} (weight 1 when left out):
 * the tags are taken out of the prompt, so the text encoder never reads them, and returned in prompt order.
 * A1111's separate text-encoder / UNet weights ({@code <lora:name:0.8:0.5>}) are refused rather than half-honoured.
 */
public final class LoraTags {
    private static final Pattern TAG = Pattern.compile("<lora:([^<>]*)>", Pattern.CASE_INSENSITIVE);

    /** A tag: the LoRA's name (its file name without {@code .safetensors}) and weight. */
    public record Tag(String name, double weight) {
    }

    /** The prompt without its tags, and the tags. */
    public record Parsed(String prompt, List<Tag> tags) {
    }

    private LoraTags() {
    }

    /** @throws IllegalArgumentException naming the tag when one is malformed */
    public static Parsed parse(String prompt) {
        Matcher m = TAG.matcher(prompt);
        List<Tag> tags = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String[] parts = m.group(1).split(":", -1);
            String name = parts[0].trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + m.group() + "' names no LoRA");
            }
            if (parts.length > 2) {
                throw new IllegalArgumentException("'" + m.group() + "': separate text-encoder and UNet weights are"
                        + " not supported; give one weight, as in <lora:" + name + ":0.8>");
            }
            double weight = 1.0;
            if (parts.length == 2) {
                try {
                    weight = Double.parseDouble(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + m.group() + "': the weight is not a number");
                }
            }
            tags.add(new Tag(name, weight));
            rest.append(prompt, last, m.start());
            last = m.end();
        }
        if (tags.isEmpty()) {
            return new Parsed(prompt, List.of());
        }
        rest.append(prompt, last, prompt.length());
        return new Parsed(rest.toString().replaceAll("[ \\t]{2,}", " ").trim(), List.copyOf(tags));
    }

    /** Whether the text holds a tag (a negative prompt may not: LoRAs are not subtracted). */
    public static boolean hasTag(String text) {
        return TAG.matcher(text).find();
    }
}
