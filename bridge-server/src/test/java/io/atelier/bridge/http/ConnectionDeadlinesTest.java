package io.atelier.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.support.TestBridge;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections that never finish a request head (slowloris), that stay idle, or that send a body too slowly are closed
 * by the bridge within its limits ({@link ConnectionLimits#DEFAULTS}: 10 s for a request head, 2 s of grace for a body).
 */
class ConnectionDeadlinesTest {
    private static final long HEAD_TIMEOUT_MILLIS = ConnectionLimits.DEFAULTS.requestHeadTimeout().toMillis();
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void trickled_headers_and_idle_connections_are_closed_after_the_request_head_timeout() throws Exception {
        CompletableFuture<Long> slowloris = CompletableFuture.supplyAsync(() -> millisUntilClosed(true));
        CompletableFuture<Long> idle = CompletableFuture.supplyAsync(() -> millisUntilClosed(false));

        long slowlorisMillis = slowloris.get();
        long idleMillis = idle.get();
        System.out.println("header slowloris closed after " + slowlorisMillis + " ms, idle connection after "
                + idleMillis + " ms (head timeout " + HEAD_TIMEOUT_MILLIS + " ms)");
        assertTrue(slowlorisMillis >= HEAD_TIMEOUT_MILLIS - 500 && slowlorisMillis < HEAD_TIMEOUT_MILLIS + 2_000,
                "slowloris connection closed after " + slowlorisMillis + " ms");
        assertTrue(idleMillis >= HEAD_TIMEOUT_MILLIS - 500 && idleMillis < HEAD_TIMEOUT_MILLIS + 2_000,
                "idle connection closed after " + idleMillis + " ms");
    }

    @Test
    void a_body_trickled_after_the_grace_period_is_refused_with_408_and_the_connection_closed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bridge.bridge().port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + bridge.bridge().port() + "\r\nAuthorization: Bearer "
                    + bridge.adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            String answer = readAll(socket.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"code\":-32600") && answer.contains("too slowly"), answer);
            assertTrue(millis < ConnectionLimits.DEFAULTS.bodyGrace().toMillis() + 1_500, millis + " ms");
        }
    }

    @Test
    void a_token_sending_too_many_bodies_at_once_gets_429_busy() throws Exception {
        String token = bridge.scopedToken("maison-busy");
        int cap = ConnectionLimits.DEFAULTS.maxBodiesPerToken();
        Socket[] holding = new Socket[cap];
        try {
            for (int i = 0; i < cap; i++) {
                holding[i] = new Socket("127.0.0.1", bridge.bridge().port());
                holding[i].getOutputStream().write(post(token, 100).getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(300); // the bridge is now reading all of them
            try (Socket extra = new Socket("127.0.0.1", bridge.bridge().port())) {
                extra.setSoTimeout(5_000);
                extra.getOutputStream().write(post(token, 100).getBytes(StandardCharsets.US_ASCII));
                String answer = readAll(extra.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 429"), answer);
                assertTrue(answer.contains("\"code\":-32006"), answer);
            }
            // Another token is not affected.
            TestBridge.Answer other = bridge.rpc(bridge.adminToken(),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.initialize\",\"params\":{}}");
            assertEquals(200, other.code());
        } finally {
            for (Socket socket : holding) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private static String post(String token, int length) {
        return "POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + bridge.bridge().port() + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{";
    }

    /** Opens a connection, optionally trickling a request head a header line per second; ms until the bridge closes it. */
    private static long millisUntilClosed(boolean trickleHeaders) {
        try (Socket socket = new Socket("127.0.0.1", bridge.bridge().port())) {
            long start = System.nanoTime();
            socket.setSoTimeout(1_000);
            if (trickleHeaders) {
                socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + bridge.bridge().port()
                        + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < 30; i++) {
                try {
                    if (socket.getInputStream().read() < 0) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    if (trickleHeaders) {
                        socket.getOutputStream().write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException reset) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            }
            return Long.MAX_VALUE;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
