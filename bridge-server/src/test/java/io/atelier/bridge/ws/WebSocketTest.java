package io.atelier.bridge.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.support.TestBridge;
import io.atelier.bridge.support.TestSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /ws with a real OkHttp WebSocket: authentication, limits, and where notifications go. */
class WebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(config -> config.withSocketAuthTimeout(Duration.ofMillis(300)).withMaxSocketsPerToken(3));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void unauthenticated_socket_is_closed_after_the_timeout() {
        try (TestSocket socket = TestSocket.open(bridge)) {
            Integer code = socket.awaitClosed(Duration.ofSeconds(5));
            assertEquals(1008, code);
        }
    }

    @Test
    void upgrade_from_a_foreign_origin_is_refused() {
        okhttp3.Request request = new okhttp3.Request.Builder().url(bridge.wsUrl())
                .header("Origin", "https://evil.example").build();
        java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
        bridge.http().newWebSocket(request, new okhttp3.WebSocketListener() {
            @Override
            public void onFailure(okhttp3.WebSocket webSocket, Throwable t, okhttp3.Response response) {
                status.complete(response == null ? -1 : response.code());
            }

            @Override
            public void onOpen(okhttp3.WebSocket webSocket, okhttp3.Response response) {
                status.complete(101);
                webSocket.close(1000, null);
            }
        });
        assertEquals(403, status.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
    }

    @Test
    void first_message_other_than_initialize_is_refused_and_closed() {
        try (TestSocket socket = TestSocket.open(bridge)) {
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.list\",\"params\":{}}");
            JsonNode answer = socket.nextResponse(WAIT);
            assertEquals(-32001, answer.path("error").path("code").asInt());
            assertEquals(1008, socket.awaitClosed(WAIT));
        }
    }

    @Test
    void wrong_token_in_initialize_is_refused_and_closed() {
        try (TestSocket socket = TestSocket.open(bridge)) {
            JsonNode answer = socket.call("session.initialize", "{\"clientName\":\"t\",\"token\":\"atl_wrong\"}");
            assertEquals(-32001, answer.path("error").path("code").asInt());
            assertEquals(1008, socket.awaitClosed(WAIT));
        }
    }

    @Test
    void authenticated_socket_stays_open_past_the_timeout_and_serves_calls() throws Exception {
        try (TestSocket socket = TestSocket.initialized(bridge, bridge.adminToken())) {
            Thread.sleep(600);
            JsonNode answer = socket.call("jobs.list", "{}");
            assertTrue(answer.path("result").path("jobs").isArray(), answer.toString());
            assertNull(socket.awaitClosed(Duration.ofMillis(50)));
        }
    }

    @Test
    void connection_cap_per_token_refuses_the_next_socket() throws Exception {
        String token = bridge.scopedToken("capped");
        TestSocket a = TestSocket.initialized(bridge, token);
        TestSocket b = TestSocket.initialized(bridge, token);
        TestSocket c = TestSocket.initialized(bridge, token);
        try (TestSocket fourth = TestSocket.open(bridge)) {
            JsonNode answer = fourth.call("session.initialize", "{\"clientName\":\"t\",\"token\":\"" + token + "\"}");
            assertEquals(-32006, answer.path("error").path("code").asInt());
            assertEquals(1008, fourth.awaitClosed(WAIT));
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Test
    void oversized_message_closes_the_socket() throws Exception {
        try (TestBridge small = TestBridge.start(config -> config.withRpcLimits(
                new io.atelier.bridge.rpc.RpcLimits(64 * 1024, 64, 32 * 1024, 10)));
             TestSocket socket = TestSocket.initialized(small, small.adminToken())) {
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"jobs.list\",\"params\":{\"x\":\""
                    + "a".repeat(100 * 1024) + "\"}}");
            assertEquals(1009, socket.awaitClosed(WAIT));
        }
    }

    @Test
    void notifications_reach_only_the_submitting_socket() {
        String token = bridge.adminToken();
        try (TestSocket submitter = TestSocket.initialized(bridge, token);
             TestSocket bystander = TestSocket.initialized(bridge, token)) {
            JsonNode submitted = submitter.call("test.count", "{\"steps\":3,\"stepMillis\":5}");
            String jobId = submitted.path("result").path("jobId").asText();
            JsonNode finished = awaitFinished(submitter, jobId);
            assertEquals("succeeded", finished.path("params").path("status").asText());
            assertNull(bystander.nextNotification(Duration.ofMillis(300)), "the other socket got a notification");
        }
    }

    @Test
    void subscriber_receives_notifications_of_a_job_it_did_not_submit() {
        String token = bridge.adminToken();
        try (TestSocket submitter = TestSocket.initialized(bridge, token);
             TestSocket watcher = TestSocket.initialized(bridge, token)) {
            String jobId = submitter.call("test.count", "{\"steps\":20,\"stepMillis\":20}").path("result").path("jobId").asText();
            JsonNode subscribed = watcher.call("jobs.subscribe", "{\"jobId\":\"" + jobId + "\"}");
            assertNotNull(subscribed.path("result").path("status").textValue(), subscribed.toString());
            JsonNode finished = awaitFinished(watcher, jobId);
            assertEquals("succeeded", finished.path("params").path("status").asText());
        }
    }

    @Test
    void progress_arrives_for_every_step_then_finished_with_results() {
        try (TestSocket socket = TestSocket.initialized(bridge, bridge.adminToken())) {
            String jobId = socket.call("test.count", "{\"steps\":5,\"stepMillis\":5,\"previews\":true}")
                    .path("result").path("jobId").asText();
            for (int step = 1; step <= 5; step++) {
                JsonNode progress = socket.nextNotification(WAIT);
                assertEquals("jobs.progress", progress.path("method").asText());
                assertEquals(jobId, progress.path("params").path("jobId").asText());
                assertEquals(step, progress.path("params").path("step").asInt());
                assertEquals(5, progress.path("params").path("totalSteps").asInt());
                assertTrue(progress.path("params").path("preview").path("url").asText().startsWith("/images/"));
            }
            JsonNode finished = socket.nextNotification(WAIT);
            assertEquals("jobs.finished", finished.path("method").asText());
            assertEquals(1, finished.path("params").path("results").size());
        }
    }

    static JsonNode awaitFinished(TestSocket socket, String jobId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = socket.nextNotification(Duration.ofMillis(200));
            if (message != null && "jobs.finished".equals(message.path("method").asText())
                    && jobId.equals(message.path("params").path("jobId").asText())) {
                return message;
            }
        }
        throw new AssertionError("no jobs.finished for " + jobId);
    }
}
