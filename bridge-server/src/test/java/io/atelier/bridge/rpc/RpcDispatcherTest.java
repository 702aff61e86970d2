package io.atelier.bridge.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.jobs.InMemoryJobStore;
import io.atelier.bridge.jobs.JobLimits;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.models.ModelCatalog;
import io.atelier.bridge.security.TokenScope;
import io.atelier.bridge.services.JobsServiceImpl;
import io.atelier.bridge.services.ModelsServiceImpl;
import io.atelier.bridge.services.RpcDiscoverServiceImpl;
import io.atelier.bridge.services.SessionServiceImpl;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ModelInfo;
import io.atelier.protocol.ModelKind;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.ModelsService;
import io.atelier.protocol.service.RpcDiscoverService;
import io.atelier.protocol.service.SessionService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher driven in memory: no socket, no Jetty. */
class RpcDispatcherTest {
    private static final Caller ADMIN = new Caller("tok_admin", TokenScope.ALL, null);
    private static final ImageStore NO_IMAGES = new ImageStore() {
        @Override
        public ImageRef put(byte[] png, String brandOrNull, String ownerTokenId) {
            throw new UnsupportedOperationException("no images in dispatcher tests");
        }

        @Override
        public Optional<io.atelier.bridge.images.StoredImage> find(String id, Caller caller) {
            return Optional.empty();
        }

        @Override
        public void forget(String id) {
        }
    };

    private final JobManager jobs = new JobManager(new InMemoryJobStore(10), NO_IMAGES, JobLimits.DEFAULTS, Clock.systemUTC());
    private final RpcDispatcher dispatcher = dispatcher(new RpcLimits(1 << 20, 32, 1 << 16, 3));

    /** A service whose failure carries a message that must never reach the client. */
    @io.atelier.protocol.service.RpcService("boom")
    public interface BoomService {
        io.atelier.protocol.Empty explode(io.atelier.protocol.Empty params);
    }

    private RpcDispatcher dispatcher(RpcLimits limits) {
        var mapper = RpcMapper.create(limits);
        ModelCatalog models = ModelCatalog.of(List.of(new ModelInfo("atelier-micro", ModelKind.DIFFUSION, 128, 128, true)));
        RpcDispatcher[] self = new RpcDispatcher[1];
        self[0] = new RpcDispatcher(mapper, limits, List.of(
                RpcBinding.perCaller(SessionService.class,
                        caller -> new SessionServiceImpl(() -> self[0].methodNames(), caller)),
                RpcBinding.of(ModelsService.class, new ModelsServiceImpl(models)),
                RpcBinding.perCaller(JobsService.class, caller -> new JobsServiceImpl(jobs, caller)),
                RpcBinding.of(RpcDiscoverService.class, new RpcDiscoverServiceImpl(mapper, () -> self[0].methodNames())),
                RpcBinding.of(BoomService.class, params -> {
                    throw new IllegalStateException("secret /etc/passwd at com.example.Secret");
                })));
        return self[0];
    }

    @AfterEach
    void stopJobs() {
        jobs.close();
    }

    private JsonNode send(String json) {
        return dispatcher.dispatch(json, ADMIN);
    }

    @Test
    void namespaced_method_is_served_with_its_params_record() {
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"session.initialize\",\"params\":{\"clientName\":\"t\"}}");
        assertEquals(7, response.get("id").asInt());
        assertEquals("1.0.0", response.path("result").path("protocolVersion").asText());
        assertTrue(response.path("result").path("capabilities").toString().contains("jobs.get"));
    }

    @Test
    void each_call_is_served_by_an_object_bound_to_its_own_caller() throws Exception {
        Caller maison = new Caller("tok_maison", TokenScope.only(List.of("maison")), null);
        Caller atelier = new Caller("tok_atelier", TokenScope.only(List.of("atelier", "b-house")), null);
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.initialize\",\"params\":{}}";
        // Interleaved on two threads: nothing of one call's caller may leak into the other's.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Caller caller = i % 2 == 0 ? maison : atelier;
                answers.add(pool.submit(() -> dispatcher.dispatch(initialize, caller)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i % 2 == 0 ? "[\"maison\"]" : "[\"atelier\",\"b-house\"]",
                        answers.get(i).get().path("result").path("brands").toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void absent_params_bind_as_an_empty_object() {
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"models.list\"}");
        assertEquals("a", response.get("id").asText());
        assertEquals("atelier-micro", response.path("result").path("models").get(0).path("id").asText());
        assertEquals("diffusion", response.path("result").path("models").get(0).path("kind").asText());
    }

    @Test
    void batch_answers_each_request_and_skips_notifications() {
        JsonNode response = send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"models.list\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"models.list\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope.nothing\"}]");
        assertTrue(response.isArray());
        assertEquals(2, response.size());
        assertEquals(1, response.get(0).get("id").asInt());
        assertEquals(-32601, response.get(1).path("error").path("code").asInt());
    }

    @Test
    void batch_over_the_cap_is_refused_as_too_large() {
        String one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"models.list\"}";
        JsonNode response = send("[" + String.join(",", one, one, one, one) + "]");
        assertEquals(-32005, response.path("error").path("code").asInt());
    }

    @Test
    void empty_batch_is_an_invalid_request() {
        assertEquals(-32600, send("[]").path("error").path("code").asInt());
    }

    @Test
    void notification_gets_no_response() {
        assertNull(send("{\"jsonrpc\":\"2.0\",\"method\":\"models.list\"}"));
    }

    @Test
    void wrong_version_or_missing_method_is_an_invalid_request() {
        assertEquals(-32600, send("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"models.list\"}").path("error").path("code").asInt());
        assertEquals(-32600, send("{\"jsonrpc\":\"2.0\",\"id\":1}").path("error").path("code").asInt());
        assertEquals(-32600, send("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"models.list\"}").path("error").path("code").asInt());
        assertEquals(-32600, send("42").path("error").path("code").asInt());
    }

    @Test
    void unknown_method_answers_method_not_found_with_a_reason() {
        JsonNode error = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.explode\"}").path("error");
        assertEquals(-32601, error.path("code").asInt());
        assertTrue(error.path("data").path("reason").asText().contains("jobs.explode"));
    }

    @Test
    void wrong_param_type_names_the_field() {
        JsonNode error = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.list\",\"params\":{\"limit\":{\"x\":1}}}").path("error");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("limit", error.path("data").path("field").asText());
    }

    @Test
    void unknown_param_is_refused_and_named() {
        JsonNode error = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.get\",\"params\":{\"jobId\":\"x\",\"jobid\":\"x\"}}").path("error");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("jobid", error.path("data").path("field").asText());
    }

    @Test
    void missing_required_param_is_named() {
        JsonNode error = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.get\",\"params\":{}}").path("error");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("jobId", error.path("data").path("field").asText());
    }

    @Test
    void our_own_validation_names_the_field() {
        JsonNode error = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.list\",\"params\":{\"limit\":100000}}").path("error");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("limit", error.path("data").path("field").asText());
        JsonNode missing = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.get\",\"params\":{}}").path("error");
        assertEquals("jobId", missing.path("data").path("field").asText());
    }

    @Test
    void params_that_are_not_one_object_are_invalid_params() {
        JsonNode error = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"models.list\",\"params\":[1,2]}").path("error");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("params", error.path("data").path("field").asText());
    }

    @Test
    void unexpected_failure_leaks_no_message_class_or_path() {
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"boom.explode\"}");
        assertEquals(-32603, response.path("error").path("code").asInt());
        String text = response.toString();
        assertFalse(text.contains("secret"), text);
        assertFalse(text.contains("passwd"), text);
        assertFalse(text.contains("Exception"), text);
        assertFalse(text.contains("com.example"), text);
        assertTrue(response.path("error").path("data").has("reason"));
    }

    @Test
    void rpc_discover_without_the_generated_document_says_why() {
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}");
        if (RpcDispatcherTest.class.getClassLoader().getResource(RpcDiscoverServiceImpl.RESOURCE) == null) {
            assertEquals(-32603, response.path("error").path("code").asInt());
            assertTrue(response.path("error").path("data").path("reason").asText().contains("OpenRPC"));
        } else {
            assertTrue(response.path("result").has("openrpc"), response.toString());
            // Only what this dispatcher serves is advertised: no images.* here, no engine.
            List<String> listed = new java.util.ArrayList<>();
            response.path("result").path("methods").forEach(m -> listed.add(m.path("name").asText()));
            assertTrue(listed.contains("models.list") && listed.contains("rpc.discover"), listed::toString);
            assertFalse(listed.contains("images.generate") || listed.contains("capsules.generate"), listed::toString);
            assertTrue(dispatcher.methodNames().containsAll(listed), listed::toString);
        }
    }

    @Test
    void twenty_thousand_deep_json_is_refused_without_recursion() throws Exception {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        long start = System.nanoTime();
        JsonNode response = dispatcher.dispatch(new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)), ADMIN);
        int code = response.path("error").path("code").asInt();
        assertTrue(code == -32600 || code == -32700, response.toString());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refusal should be immediate");
    }

    @Test
    void broken_json_is_a_parse_error() {
        assertEquals(-32700, send("{\"jsonrpc\":").path("error").path("code").asInt());
        assertEquals(-32700, send("{\"a\":1,\"a\":2}").path("error").path("code").asInt());
    }

    @Test
    void over_long_string_is_too_large() {
        String big = "x".repeat((1 << 16) + 10);
        JsonNode response = send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.initialize\",\"params\":{\"clientName\":\"" + big + "\"}}");
        assertEquals(-32005, response.path("error").path("code").asInt());
    }
}
