package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text param has a length limit, checked before any work, and every param its exact JSON type: a breach answers
 * -32602 naming the field, at once, and the bridge goes on. Over real HTTP, against a generating bridge.
 */
class TextLimitsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .readTimeout(20, TimeUnit.SECONDS).writeTimeout(20, TimeUnit.SECONDS).build();
    private static GenerationTestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void a_25_mb_prompt_is_refused_at_once_naming_the_field() throws Exception {
        ObjectNode params = JSON.createObjectNode().put("prompt", "robe rouge ".repeat(25 * 1024 * 1024 / 11));
        assertRefusedFast("images.generate", params, "prompt");
    }

    @Test
    void a_1_mb_taxonomy_text_is_refused_at_once_naming_the_field() throws Exception {
        ObjectNode params = JSON.createObjectNode().put("text", "robe ".repeat(1024 * 1024 / 5)).put("lang", "fr");
        assertRefusedFast("taxonomy.resolve", params, "text");
    }

    @Test
    void long_or_many_worded_history_searches_are_invalid_params_not_internal_errors() throws Exception {
        assertRefusedFast("history.search", JSON.createObjectNode().put("text", "x".repeat(100_000)), "text");
        assertRefusedFast("history.search", JSON.createObjectNode().put("text", "a ".repeat(1_500)), "text");
    }

    @Test
    void ids_names_tags_and_client_names_have_limits_too() throws Exception {
        assertRefusedFast("datasets.list", JSON.createObjectNode().put("brand", "m".repeat(100_000)), "brand");
        assertRefusedFast("session.initialize", JSON.createObjectNode().put("clientName", "k".repeat(100_000)),
                "clientName");
        ObjectNode add = JSON.createObjectNode().put("brand", "maison");
        add.putObject("image").put("id", "0".repeat(32));
        add.putArray("tags").add("t".repeat(1_000_000));
        assertRefusedFast("datasets.add", add, "tags[0]");
    }

    @Test
    void numbers_and_strings_are_not_coerced_into_each_other() throws Exception {
        assertRefusedFast("images.generate", JSON.createObjectNode().put("prompt", "robe").put("steps", 4.5), "steps");
        assertRefusedFast("images.generate", JSON.createObjectNode().put("prompt", "robe").put("steps", "4"), "steps");
        assertRefusedFast("images.generate", JSON.createObjectNode().put("prompt", 123), "prompt");
        assertRefusedFast("images.generate", JSON.createObjectNode().put("prompt", true), "prompt");
        assertRefusedFast("images.generate", JSON.createObjectNode().put("prompt", "robe").put("guidance", "7.5"),
                "guidance");
        // A whole number where a decimal is expected is not a coercion: JSON has one number type.
        JsonNode fine = call("images.generate", JSON.createObjectNode().put("prompt", "robe").put("guidance", 7)
                .put("steps", 1).put("seed", 1));
        assertTrue(fine.has("result"), fine.toString());
    }

    private static void assertRefusedFast(String method, ObjectNode params, String field) throws Exception {
        long start = System.nanoTime();
        JsonNode answer = call(method, params);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(-32602, answer.path("error").path("code").asInt(), method + " " + field + ": " + abbreviated(answer));
        assertEquals(field, answer.path("error").path("data").path("field").asText(), abbreviated(answer));
        assertTrue(millis < 5_000, method + " took " + millis + " ms to refuse");
        System.out.println(method + " with an over-long or mistyped " + field + " refused in " + millis + " ms");
        // And the bridge goes on.
        assertTrue(call("session.initialize", JSON.createObjectNode()).has("result"));
    }

    private static JsonNode call(String method, ObjectNode params) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        request.set("params", params);
        Request http = new Request.Builder().url(bridge.bridge().baseUri() + "/rpc")
                .header("Authorization", "Bearer " + bridge.bridge().tokens().readAdminToken())
                .post(RequestBody.create(JSON.writeValueAsBytes(request), MediaType.get("application/json"))).build();
        try (Response response = HTTP.newCall(http).execute()) {
            return JSON.readTree(response.body().string());
        }
    }

    private static String abbreviated(JsonNode answer) {
        String text = answer.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
