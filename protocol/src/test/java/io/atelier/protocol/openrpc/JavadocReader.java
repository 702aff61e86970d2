package io.atelier.protocol.openrpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the type-level Javadoc of the protocol's sources so that the OpenRPC document carries the same wire meaning
 * the Java reader sees: the description of a record or enum, and its {@code @param} lines for record components.
 * Javadoc does not survive compilation, hence reading the sources; a missing source just means no description.
 */
final class JavadocReader {
    /** The Javadoc block right before the top-level type declaration (annotations in between allowed). */
    private static final Pattern TYPE_DOC = Pattern.compile(
            "/\\*\\*(.*?)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*public\\s+(?:final\\s+)?(?:record|enum|interface|class)\\s",
            Pattern.DOTALL);
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|link|linkplain)\\s+([^}]*)}");

    private final Path sourceRoot;
    private final Map<Class<?>, Doc> cache = new HashMap<>();

    JavadocReader(Path sourceRoot) {
        this.sourceRoot = sourceRoot;
    }

    Optional<String> typeDescription(Class<?> type) {
        return Optional.ofNullable(doc(type).description());
    }

    Optional<String> paramDescription(Class<?> type, String param) {
        return Optional.ofNullable(doc(type).params().get(param));
    }

    private Doc doc(Class<?> type) {
        return cache.computeIfAbsent(type, this::read);
    }

    private Doc read(Class<?> type) {
        Path source = sourceRoot == null ? null
                : sourceRoot.resolve(type.getName().replace('.', '/') + ".java");
        if (source == null || !Files.isRegularFile(source)) {
            return new Doc(null, Map.of());
        }
        try {
            Matcher matcher = TYPE_DOC.matcher(Files.readString(source));
            return matcher.find() ? parse(matcher.group(1)) : new Doc(null, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + source, e);
        }
    }

    // Step 1: strip the leading stars; Step 2: split into the main text and @param entries (which may continue
    // over several lines); Step 3: flatten inline tags to their text.
    private static Doc parse(String block) {
        StringBuilder main = new StringBuilder();
        Map<String, StringBuilder> params = new LinkedHashMap<>();
        StringBuilder current = main;
        for (String rawLine : block.split("\n")) {
            String line = rawLine.strip().replaceFirst("^\\*\\s?", "").strip();
            if (line.startsWith("@param ")) {
                String[] parts = line.substring(7).strip().split("\\s+", 2);
                current = new StringBuilder(parts.length > 1 ? parts[1] : "");
                params.put(parts[0], current);
            } else if (line.startsWith("@")) {
                current = new StringBuilder(); // another block tag: not carried over
            } else if (!line.isEmpty()) {
                if (!current.isEmpty()) {
                    current.append(' ');
                }
                current.append(line.replace("<p>", ""));
            }
        }
        Map<String, String> flatParams = new LinkedHashMap<>();
        params.forEach((name, text) -> flatParams.put(name, flatten(text.toString())));
        String description = flatten(main.toString());
        return new Doc(description.isEmpty() ? null : description, flatParams);
    }

    private static String flatten(String text) {
        return INLINE_TAG.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1).strip().replaceFirst("^\\w+#", ""))).strip();
    }

    private record Doc(String description, Map<String, String> params) {
    }
}
