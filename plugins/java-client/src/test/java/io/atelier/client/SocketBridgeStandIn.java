package io.atelier.client;

import static io.atelier.client.GoldenFixtures.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/**
 * The server side of a WebSocket on OkHttp's MockWebServer, standing in for the bridge (written in parallel in
 * bridge-server) in this module's wire-format tests. It answers {@code session.initialize} with the golden fixture
 * when the token matches, refuses it otherwise, and hands every other request to a handler the test registers.
 */
final class SocketBridgeStandIn extends WebSocketListener implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final String token;
    private final Map<String, BiConsumer<WebSocket, JsonNode>> handlers = new ConcurrentHashMap<>();

    SocketBridgeStandIn(String token) throws IOException {
        this.token = token;
        server.start();
    }

    /** Accepts the next WebSocket upgrade. */
    SocketBridgeStandIn acceptSocket() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(this));
        return this;
    }

    SocketBridgeStandIn on(String method, BiConsumer<WebSocket, JsonNode> handler) {
        handlers.put(method, handler);
        return this;
    }

    String url() {
        return server.url("/").toString();
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        JsonNode request;
        try {
            request = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        received.add(request);
        String method = request.path("method").asText();
        if (method.equals("session.initialize")) {
            if (token.equals(request.path("params").path("token").asText())) {
                socket.send(GoldenFixtures.withId(GoldenFixtures.read("session.initialize.result.json"), request.get("id")));
            } else {
                socket.send(GoldenFixtures.withId(GoldenFixtures.read("error.unauthorized.json"), request.get("id")));
                socket.close(4401, "unauthorized");
            }
            return;
        }
        handlers.getOrDefault(method, (s, r) -> s.send(GoldenFixtures.withId(
                GoldenFixtures.read("error.method-not-found.json"), r.get("id")))).accept(socket, request);
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
        socket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket socket, Throwable t, Response response) {
        // The client went away; nothing to clean up in a stand-in.
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
