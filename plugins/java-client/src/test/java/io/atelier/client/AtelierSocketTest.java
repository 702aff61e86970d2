package io.atelier.client;

import static io.atelier.client.GoldenFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobSubmitted;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.SessionInitializeResult;
import io.atelier.protocol.service.ImagesService;
import io.atelier.protocol.service.JobsService;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's WebSocket: handshake, correlation by id, notifications, waiting for a job's end, closing. A
 * MockWebServer WebSocket stands in for the bridge (see {@link SocketBridgeStandIn}); the end-to-end tests against
 * the real bridge live in bridge-server.
 */
class AtelierSocketTest {
    private static final String TOKEN = "atl_socket_token_K3v9";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private SocketBridgeStandIn bridge;
    private AtelierClient client;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        bridge = new SocketBridgeStandIn(TOKEN).acceptSocket();
        client = AtelierClient.create(bridge.url(), TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        bridge.close();
    }

    @Test
    void opening_authenticates_first_with_session_initialize_carrying_the_token() throws Exception {
        try (AtelierSocket socket = client.openSocket(listener)) {
            JsonNode first = bridge.received.poll(5, TimeUnit.SECONDS);
            assertEquals("session.initialize", first.path("method").asText());
            assertEquals(TOKEN, first.path("params").path("token").asText());
            assertEquals("atelier-java-client", first.path("params").path("clientName").asText());
            JsonNode fixture = GoldenFixtures.read("session.initialize.request.json");
            assertEquals(fieldNames(fixture.get("params")), fieldNames(first.get("params")), "same fields as the fixture");
            assertEquals(fieldNames(fixture), fieldNames(first), "same envelope as the fixture");
            assertEquals(MAPPER.treeToValue(GoldenFixtures.read("session.initialize.result.json").get("result"),
                    SessionInitializeResult.class), socket.session());
            assertEquals("/ws", bridge.server.takeRequest().getPath());
        }
    }

    @Test
    void a_refused_token_fails_open_socket_with_unauthorized() {
        try (AtelierClient wrongToken = AtelierClient.create(bridge.url(), "atl_wrong")) {
            AtelierRpcException thrown = assertThrows(AtelierRpcException.class, () -> wrongToken.openSocket(listener));
            assertEquals(ErrorCodes.UNAUTHORIZED, thrown.code());
            assertEquals(0, thrown.httpStatus(), "refused over the WebSocket, not over HTTP");
        }
    }

    @Test
    void service_proxies_work_over_the_socket_with_the_fixture_wire_format() throws Exception {
        JsonNode requestFixture = GoldenFixtures.read("images.generate.request.json");
        bridge.on("images.generate", (ws, request) ->
                ws.send(GoldenFixtures.withId(GoldenFixtures.read("images.generate.result.json"), request.get("id"))));
        try (AtelierSocket socket = client.openSocket(listener)) {
            ImagesGenerateParams params = MAPPER.treeToValue(requestFixture.get("params"), ImagesGenerateParams.class);

            JobSubmitted submitted = socket.service(ImagesService.class).generate(params);

            assertEquals("job_01HZX3K9Q2M7", submitted.jobId());
            bridge.received.take(); // session.initialize
            JsonNode sent = bridge.received.poll(5, TimeUnit.SECONDS);
            JsonNode expected = requestFixture.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected).set("id", sent.get("id"));
            assertTrue(GoldenFixtures.sameJson(expected, sent), "sent " + sent);
        }
    }

    @Test
    void answers_are_matched_to_requests_by_id_even_out_of_order() throws Exception {
        List<JsonNode> held = new ArrayList<>();
        bridge.on("jobs.get", (ws, request) -> {
            synchronized (held) {
                held.add(request);
                if (held.size() == 2) { // answer the second first
                    for (JsonNode r : List.of(held.get(1), held.get(0))) {
                        ws.send(jobInfoAnswer(r));
                    }
                }
            }
        });
        try (AtelierSocket socket = client.openSocket(listener)) {
            CompletableFuture<JsonNode> first = socket.callAsync("jobs.get", new JobIdParams("job_first"));
            CompletableFuture<JsonNode> second = socket.callAsync("jobs.get", new JobIdParams("job_second"));

            assertEquals("job_first", first.get(5, TimeUnit.SECONDS).path("jobId").asText());
            assertEquals("job_second", second.get(5, TimeUnit.SECONDS).path("jobId").asText());
        }
    }

    @Test
    void notifications_reach_the_listener_as_records_in_order_off_the_network_thread() throws Exception {
        bridge.on("images.generate", SocketBridgeStandInScripts::answerThenProgressThenFinished);
        JsonNode progressFixture = GoldenFixtures.read("jobs.progress.notification.json").get("params");
        JsonNode finishedFixture = GoldenFixtures.read("jobs.finished.notification.json").get("params");
        try (AtelierSocket socket = client.openSocket(listener)) {
            socket.service(ImagesService.class).generate(new ImagesGenerateParams("robe rouge", null, "fr", null, null,
                    null, null, null, null, null, null, null, 7L, null, null, null, null, null));

            Object progress = listener.events.poll(5, TimeUnit.SECONDS);
            Object finished = listener.events.poll(5, TimeUnit.SECONDS);

            assertEquals(MAPPER.treeToValue(progressFixture, JobsProgressNotification.class), progress);
            assertEquals(MAPPER.treeToValue(finishedFixture, JobsFinishedNotification.class), finished);
            assertTrue(listener.threads.stream().allMatch(name -> name.equals("atelier-socket-listener")),
                    "callbacks run on the socket's listener thread: " + listener.threads);
        }
    }

    @Test
    void await_finished_returns_the_end_even_when_it_arrived_before_the_wait() throws Exception {
        bridge.on("images.generate", SocketBridgeStandInScripts::answerThenProgressThenFinished);
        try (AtelierSocket socket = client.openSocket(listener)) {
            JobSubmitted job = socket.service(ImagesService.class).generate(new ImagesGenerateParams("robe", null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            listener.events.poll(5, TimeUnit.SECONDS);
            listener.events.poll(5, TimeUnit.SECONDS); // the end has been delivered: the wait starts after it

            JobsFinishedNotification end = socket.awaitFinished(job.jobId(), WAIT);

            assertEquals(job.jobId(), end.jobId());
            assertEquals(2, end.results().size());
        }
    }

    @Test
    void await_finished_times_out_with_a_clear_exception() {
        try (AtelierSocket socket = client.openSocket(listener)) {
            AtelierTimeoutException thrown = assertThrows(AtelierTimeoutException.class,
                    () -> socket.awaitFinished("job_that_never_ends", Duration.ofMillis(200)));
            assertTrue(thrown.getMessage().contains("job_that_never_ends"));
        }
    }

    @Test
    void a_listener_may_call_the_bridge_from_a_callback() throws Exception {
        bridge.on("images.generate", SocketBridgeStandInScripts::answerThenProgressThenFinished);
        bridge.on("jobs.get", (ws, request) -> ws.send(jobInfoAnswer(request)));
        CompletableFuture<JobInfo> fromCallback = new CompletableFuture<>();
        AtelierSocket[] holder = new AtelierSocket[1];
        NotificationListener calling = new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification progress) {
                fromCallback.complete(holder[0].service(JobsService.class).get(new JobIdParams(progress.jobId())));
            }
        };
        try (AtelierSocket socket = client.openSocket(calling)) {
            holder[0] = socket;
            socket.service(ImagesService.class).generate(new ImagesGenerateParams("robe", null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null));

            assertEquals("job_01HZX3K9Q2M7", fromCallback.get(5, TimeUnit.SECONDS).jobId());
        }
    }

    @Test
    void the_bridge_closing_the_socket_fails_pending_calls_and_tells_the_listener() throws Exception {
        bridge.on("jobs.get", (ws, request) -> ws.close(1001, "bridge stopping"));
        try (AtelierSocket socket = client.openSocket(listener)) {
            UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
                    () -> socket.service(JobsService.class).get(new JobIdParams("job_1")));
            assertTrue(thrown.getMessage().contains("closed"), thrown.getMessage());
            assertEquals(new RecordingListener.Closed(1001, "bridge stopping"), listener.events.poll(5, TimeUnit.SECONDS));
            assertThrows(UncheckedIOException.class, () -> socket.awaitFinished("job_1", WAIT),
                    "waiting on a closed socket fails at once");
        }
    }

    @Test
    void closing_the_socket_and_client_releases_okhttp_threads_so_a_cli_exits() throws Exception {
        try (AtelierSocket socket = client.openSocket(listener)) {
            assertInstanceOf(SessionInitializeResult.class, socket.session());
        }
        client.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<String> blocking;
        do {
            blocking = new TreeSet<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.isAlive() && !thread.isDaemon() && thread.getName().startsWith("OkHttp")) {
                    blocking.add(thread.getName());
                }
            }
            if (blocking.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertEquals(Set.of(), blocking, "non-daemon OkHttp threads left after close");
    }

    private static String jobInfoAnswer(JsonNode request) {
        com.fasterxml.jackson.databind.node.ObjectNode answer = GoldenFixtures.read("jobs.get.result.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer.get("result"))
                .put("jobId", request.path("params").path("jobId").asText());
        return GoldenFixtures.withId(answer, request.get("id"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Scripts the stand-in plays, as the bridge would for a submitted job. */
    static final class SocketBridgeStandInScripts {
        private SocketBridgeStandInScripts() {
        }

        static void answerThenProgressThenFinished(WebSocket ws, JsonNode request) {
            ws.send(GoldenFixtures.withId(GoldenFixtures.read("images.generate.result.json"), request.get("id")));
            ws.send(GoldenFixtures.read("jobs.progress.notification.json").toString());
            ws.send(GoldenFixtures.read("jobs.finished.notification.json").toString());
        }
    }
}
