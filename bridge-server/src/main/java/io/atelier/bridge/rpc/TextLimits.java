package io.atelier.bridge.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.engine.pipeline.RequestResolver;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The one home of how long a text param may be, checked by the dispatcher on the raw params of every call before any
 * service sees them, so an oversized string costs a parse and nothing else (no taxonomy pass, no tokenizer, no SQL).
 * Limits go by the field's name, wherever it sits ({@code tags[3]} is a {@code tags} value):
 * <ul>
 *   <li>free text a designer writes (prompts, texts to resolve or search, captions, sources): the engine's prompt
 *       limit, {@link RequestResolver#MAX_PROMPT_CHARS};</li>
 *   <li>{@code base64}: no limit of its own; images are bounded by the body limit and checked from their header;</li>
 *   <li>every other string (ids, names, tags, languages, colours, client names, tokens): {@link #OTHER}.</li>
 * </ul>
 * The services keep their finer rules (a caption of 500 characters, a tag of 40, a brand id's pattern); this bound only
 * guarantees that nothing huge reaches them.
 */
public final class TextLimits {
    /** Free text: what a prompt may hold. */
    public static final int FREE_TEXT = RequestResolver.MAX_PROMPT_CHARS;
    /** Any other string param. */
    public static final int OTHER = 256;

    private static final Set<String> FREE_TEXT_FIELDS = Set.of("prompt", "negativePrompt", "text", "caption", "source");
    private static final Set<String> UNBOUNDED_FIELDS = Set.of("base64");

    private TextLimits() {
    }

    /** The most characters {@code field} may hold. */
    public static int maxChars(String field) {
        if (UNBOUNDED_FIELDS.contains(field)) {
            return Integer.MAX_VALUE;
        }
        return FREE_TEXT_FIELDS.contains(field) ? FREE_TEXT : OTHER;
    }

    /** @throws AtelierException {@code -32602} naming the first string over its limit */
    static void check(JsonNode params) {
        check(params, "", "params");
    }

    private static void check(JsonNode node, String path, String field) {
        if (node.isTextual()) {
            int max = maxChars(field);
            if (node.textValue().length() > max) {
                throw AtelierException.invalidParams(path, path + " is longer than " + max + " characters.");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", field);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String child = path.isEmpty() ? name : path + "." + name;
                if (name.length() > OTHER) {
                    throw AtelierException.invalidParams("params", "A field name is longer than " + OTHER + " characters.");
                }
                check(entry.getValue(), child, name);
            }
        }
    }
}
