package io.atelier.bridge.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One {@code images.generate} request of a batch: the params of its line, with a seed (the line's own, else one
 * derived from the line, so a re-run asks for the same pixels) and an idempotency key that is a hash of the line
 * (with its number), so that resubmitting it after a crash returns the job already made.
 *
 * @param line 1-based line number in the file
 * @param params the {@code images.generate} params to send
 */
public record GenerationRequestLine(int line, ObjectNode params) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException a line that is not a JSON object with a {@code prompt} */
    public static GenerationRequestLine parse(int line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(node instanceof ObjectNode params) || !node.path("prompt").isTextual()) {
            throw new IllegalArgumentException("a line is an images.generate params object with a \"prompt\"");
        }
        String hash = sha256(line + ":" + text.strip());
        if (!params.path("seed").isIntegralNumber()) {
            params.put("seed", Long.parseLong(hash.substring(0, 12), 16)); // 48 bits: a valid seed for every model
        }
        params.put("clientRequestId", "batch-" + hash.substring(0, 40));
        return new GenerationRequestLine(line, params);
    }

    public long seed() {
        return params.path("seed").asLong();
    }

    public int count() {
        return params.path("count").asInt(1);
    }

    /** The files this line leaves in {@code out}: per image its PNG and, written last, its sidecar JSON. */
    public List<Path> outputs(Path out, String prefix) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count(); i++) {
            String base = baseName(prefix, i);
            files.add(out.resolve(base + ".png"));
            files.add(out.resolve(base + ".json"));
        }
        return files;
    }

    /** e.g. {@code line-0007-seed-1234}: the line number and the image's own seed ({@code atelier-seed-1234} for line 0). */
    public String baseName(String prefix, int image) {
        return line > 0 ? String.format("%s-%04d-seed-%d", prefix, line, seed() + image)
                : String.format("%s-seed-%d", prefix, seed() + image);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
