package io.atelier.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.support.TestBridge;
import io.atelier.bridge.support.TestBridge.Answer;
import java.io.IOException;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per security rule of PROTOCOL.md that HTTP enforces, against a real Jetty with a real OkHttp client. */
class HttpSecurityTest {
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.list\",\"params\":{}}";
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    private static Request.Builder post(String json) {
        return new Request.Builder().url(bridge.url("/rpc"))
                .header("Authorization", "Bearer " + bridge.adminToken())
                .post(RequestBody.create(json, TestBridge.JSON));
    }

    @Test
    void valid_token_is_served() throws IOException {
        Answer answer = bridge.rpc(bridge.adminToken(), LIST);
        assertEquals(200, answer.code());
        assertTrue(answer.body().path("result").path("jobs").isArray());
    }

    @Test
    void missing_token_is_401_with_unauthorized_code() throws IOException {
        Answer answer = bridge.rpc(null, LIST);
        assertEquals(401, answer.code());
        assertEquals(-32001, answer.errorCode());
    }

    @Test
    void wrong_token_is_401_with_unauthorized_code() throws IOException {
        Answer answer = bridge.rpc("atl_not-a-token-of-this-bridge", LIST);
        assertEquals(401, answer.code());
        assertEquals(-32001, answer.errorCode());
    }

    @Test
    void foreign_host_header_is_403() throws IOException {
        Answer answer = bridge.send(post(LIST).header("Host", "attacker.example:" + bridge.bridge().port()).build());
        assertEquals(403, answer.code());
        assertEquals(-32003, answer.errorCode());
    }

    @Test
    void localhost_host_header_is_accepted() throws IOException {
        Answer answer = bridge.send(post(LIST).header("Host", "localhost:" + bridge.bridge().port()).build());
        assertEquals(200, answer.code());
    }

    @Test
    void foreign_origin_is_403_without_cors_headers() throws IOException {
        Answer answer = bridge.send(post(LIST).header("Origin", "https://evil.example").build());
        assertEquals(403, answer.code());
        assertEquals(-32003, answer.errorCode());
        assertNull(answer.headers().get("Access-Control-Allow-Origin"));
    }

    @Test
    void two_origin_headers_are_refused_whichever_comes_first() throws IOException {
        for (String[] origins : new String[][] {{"https://www.photopea.com", "https://evil.example"},
                {"https://evil.example", "https://www.photopea.com"},
                {"https://www.photopea.com", "https://photopea.com"}}) {
            Answer answer = bridge.send(post(LIST).addHeader("Origin", origins[0]).addHeader("Origin", origins[1]).build());
            assertEquals(403, answer.code(), String.join(" + ", origins));
            assertEquals(-32003, answer.errorCode());
            assertNull(answer.headers().get("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void photopea_origin_gets_cors_headers_on_its_call() throws IOException {
        Answer answer = bridge.send(post(LIST).header("Origin", "https://www.photopea.com").build());
        assertEquals(200, answer.code());
        assertEquals("https://www.photopea.com", answer.headers().get("Access-Control-Allow-Origin"));
    }

    @Test
    void photopea_preflight_gets_cors_and_private_network_headers() throws IOException {
        Request preflight = new Request.Builder().url(bridge.url("/rpc"))
                .method("OPTIONS", null)
                .header("Origin", "https://www.photopea.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .header("Access-Control-Request-Private-Network", "true")
                .build();
        Answer answer = bridge.send(preflight);
        assertEquals(204, answer.code());
        assertEquals("https://www.photopea.com", answer.headers().get("Access-Control-Allow-Origin"));
        assertTrue(answer.headers().get("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(answer.headers().get("Access-Control-Allow-Headers").contains("Authorization"));
        assertEquals("true", answer.headers().get("Access-Control-Allow-Private-Network"));
    }

    @Test
    void foreign_preflight_gets_no_cors_headers() throws IOException {
        Request preflight = new Request.Builder().url(bridge.url("/rpc")).method("OPTIONS", null)
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build();
        Answer answer = bridge.send(preflight);
        assertEquals(403, answer.code());
        assertNull(answer.headers().get("Access-Control-Allow-Origin"));
        assertNull(answer.headers().get("Access-Control-Allow-Private-Network"));
    }

    @Test
    void text_plain_body_is_refused() throws IOException {
        Request request = new Request.Builder().url(bridge.url("/rpc"))
                .header("Authorization", "Bearer " + bridge.adminToken())
                .post(RequestBody.create(LIST, okhttp3.MediaType.get("text/plain"))).build();
        Answer answer = bridge.send(request);
        assertEquals(415, answer.code());
        assertEquals(-32600, answer.errorCode());
    }

    @Test
    void get_on_rpc_is_405() throws IOException {
        Request request = new Request.Builder().url(bridge.url("/rpc?method=jobs.list"))
                .header("Authorization", "Bearer " + bridge.adminToken()).get().build();
        Answer answer = bridge.send(request);
        assertEquals(405, answer.code());
        assertEquals("POST", answer.headers().get("Allow"));
    }

    @Test
    void twenty_thousand_deep_json_is_refused_fast() throws IOException {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        long start = System.nanoTime();
        Answer answer = bridge.send(post(deep).build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        int code = answer.errorCode();
        assertTrue(code == -32600 || code == -32700, answer.body().toString());
        assertTrue(millis < 2000, "took " + millis + " ms");
    }

    @Test
    void unknown_method_is_method_not_found() throws IOException {
        Answer answer = bridge.rpc(bridge.adminToken(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.teleport\"}");
        assertEquals(200, answer.code());
        assertEquals(-32601, answer.errorCode());
    }

    @Test
    void bad_params_are_invalid_params_naming_the_field() throws IOException {
        Answer answer = bridge.rpc(bridge.adminToken(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.count\",\"params\":{\"steps\":\"many\"}}");
        assertEquals(-32602, answer.errorCode());
        assertEquals("steps", answer.body().path("error").path("data").path("field").asText());
    }

    @Test
    void health_needs_no_token_and_says_only_ok() throws IOException {
        Answer answer = bridge.send(new Request.Builder().url(bridge.url("/health")).build());
        assertEquals(200, answer.code());
        assertEquals("{\"status\":\"ok\"}", answer.body().toString());
    }

    @Test
    void unknown_path_answers_a_bare_404() throws IOException {
        Answer answer = bridge.send(new Request.Builder().url(bridge.url("/nothing/here")).build());
        assertEquals(404, answer.code());
    }

    @Test
    void plugins_folder_is_served_without_a_token() throws IOException {
        Request request = new Request.Builder().url(bridge.url("/plugins/")).build();
        try (var response = bridge.http().newCall(request).execute()) {
            assertEquals(200, response.code());
            assertTrue(response.body().string().contains("Atelier plugins"));
        }
    }
}
