package io.atelier.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** A real OkHttp WebSocket to /ws that queues what arrives: responses and notifications apart. */
public final class TestSocket extends WebSocketListener implements AutoCloseable {
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;

    private TestSocket(OkHttpClient http, String url) {
        socket = http.newWebSocket(new Request.Builder().url(url).build(), this);
    }

    public static TestSocket open(TestBridge bridge) {
        return new TestSocket(bridge.http(), bridge.wsUrl());
    }

    /** Opens and initializes with the token; fails if the server refuses. */
    public static TestSocket initialized(TestBridge bridge, String token) {
        TestSocket socket = open(bridge);
        JsonNode answer = socket.call("session.initialize",
                "{\"clientName\":\"test\",\"clientVersion\":\"1\",\"token\":\"" + token + "\"}");
        if (!answer.has("result")) {
            throw new IllegalStateException("initialize refused: " + answer);
        }
        return socket;
    }

    public void sendText(String text) {
        socket.send(text);
    }

    /** Sends a request and waits for the response with its id. */
    public JsonNode call(String method, String paramsJson) {
        int id = ids.incrementAndGet();
        socket.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        return nextResponse(Duration.ofSeconds(10));
    }

    public JsonNode nextResponse(Duration timeout) {
        return poll(responses, timeout);
    }

    /** The next notification, or null if none arrives in time. */
    public JsonNode nextNotification(Duration timeout) {
        return poll(notifications, timeout);
    }

    /** The close code the server sent, or null if still open after the timeout. */
    public Integer awaitClosed(Duration timeout) {
        try {
            return closedWith.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode poll(BlockingQueue<JsonNode> queue, Duration timeout) {
        try {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        try {
            JsonNode message = TestBridge.MAPPER.readTree(text);
            (message.has("method") && !message.has("id") ? notifications : responses).add(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        closedWith.complete(code);
        webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        closedWith.complete(-1);
    }

    @Override
    public void close() {
        socket.close(1000, "done");
    }
}
