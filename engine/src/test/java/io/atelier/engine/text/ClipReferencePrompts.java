package io.atelier.engine.text;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 20 prompts of {@code shared/data/clip-bpe/reference-token-ids.jsonl} (beside the repository) with the ids
 * OpenAI's reference tokenizer gives them: start-of-text, tokens, end-of-text, not truncated.
 */
final class ClipReferencePrompts {
    record Reference(String prompt, List<Integer> ids) {
        /** The ids between start-of-text and end-of-text. */
        List<Integer> tokens() {
            return ids.subList(1, ids.size() - 1);
        }
    }

    private ClipReferencePrompts() {}

    static List<Reference> load() throws IOException {
        Path file = repositoryRoot().resolve("../shared/data/clip-bpe/reference-token-ids.jsonl").normalize();
        if (!Files.isRegularFile(file)) {
            fail("CLIP reference token ids not found at " + file + ": the tokenizer tests need the shared data folder"
                    + " shared/data/clip-bpe/ beside the repository root");
        }
        ObjectMapper json = new ObjectMapper();
        List<Reference> references = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode node = json.readTree(line);
            List<Integer> ids = new ArrayList<>();
            node.get("ids").forEach(id -> ids.add(id.asInt()));
            references.add(new Reference(node.get("prompt").asText(), List.copyOf(ids)));
        }
        return references;
    }

    /** Tests run in the module folder; the root is the nearest folder up that holds the Maven wrapper. */
    private static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("engine"))) return dir;
        }
        return fail("Cannot find the repository root (a folder with mvnw and engine/) above " + start);
    }
}
