package io.atelier.bridge.rpc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden request fixtures, the shared truth of every client, bind under the bridge's strict mapper (no scalar
 * coercion) and pass its text limits: strictness refuses only what no conforming client sends.
 */
class GoldenFixturesStrictTest {
    private static final Path FIXTURES = Path.of("..", "protocol", "src", "test", "resources", "fixtures");

    @Test
    void every_request_fixture_binds_strictly_and_is_within_the_text_limits() throws Exception {
        ObjectMapper strict = RpcMapper.create(RpcLimits.DEFAULTS);
        JsonNode index = strict.readTree(FIXTURES.resolve("index.json").toFile());
        int checked = 0;
        for (JsonNode fixture : index.path("fixtures")) {
            if (!"request".equals(fixture.path("kind").asText()) || !fixture.hasNonNull("record")) {
                continue;
            }
            JsonNode request = strict.readTree(Files.readString(FIXTURES.resolve(fixture.path("file").asText())));
            JsonNode params = request.has("params") ? request.get("params") : strict.createObjectNode();
            Class<?> record = Class.forName("io.atelier.protocol." + fixture.path("record").asText());
            String file = fixture.path("file").asText();
            assertDoesNotThrow(() -> strict.treeToValue(params, record), file);
            assertDoesNotThrow(() -> TextLimits.check(params), file);
            checked++;
        }
        assertTrue(checked >= 20, "only " + checked + " request fixtures found");
    }
}
