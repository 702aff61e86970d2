package io.atelier.bridge.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.support.TestBridge;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slow-body attack of issue 13, over real loopback sockets: one scoped token opens N connections that announce a
 * body and trickle it a byte at a time (reopening any the bridge closes). Throughout, {@code GET /health} and another
 * token's {@code session.initialize} must answer within a second.
 */
class SlowClientAttackTest {
    private static final long ATTACK_MILLIS = 8_000;
    private static final int PROBE_TIMEOUT_MILLIS = 3_000;
    private static TestBridge bridge;
    private static String attackerToken;
    private static String otherToken;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start();
        attackerToken = bridge.scopedToken("maison-a");
        otherToken = bridge.scopedToken("maison-b");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @ParameterizedTest(name = "{0} slow connections")
    @ValueSource(ints = {64, 150})
    void slow_bodies_from_one_token_leave_health_and_other_tokens_answering_within_a_second(int connections)
            throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        Thread attacker = new Thread(() -> trickle(connections, attacking), "slow-body-attacker");
        attacker.setDaemon(true);
        attacker.start();
        Thread.sleep(1_000); // let every connection announce its body

        List<Long> health = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        long end = System.currentTimeMillis() + ATTACK_MILLIS;
        while (System.currentTimeMillis() < end) {
            health.add(probe("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", "200"));
            String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.initialize\",\"params\":{\"clientName\":\"probe\"}}";
            others.add(probe(post(otherToken, init.length(), true) + init, "200"));
            Thread.sleep(100);
        }
        attacking.set(false);
        attacker.join(5_000);

        String figures = connections + " slow connections: /health p50 " + percentile(health, 50) + " ms, max "
                + Collections.max(health) + " ms; other token's session.initialize p50 " + percentile(others, 50)
                + " ms, max " + Collections.max(others) + " ms (" + health.size() + " probes each)";
        System.out.println(figures);
        assertTrue(Collections.max(health) < 1_000, figures);
        assertTrue(Collections.max(others) < 1_000, figures);
    }

    /** Keeps {@code count} connections open, each trickling a body a byte per 200 ms; reopens any that is closed. */
    private static void trickle(int count, AtomicBoolean attacking) {
        List<Socket> sockets = new ArrayList<>(Collections.nCopies(count, null));
        try {
            while (attacking.get()) {
                for (int i = 0; i < count && attacking.get(); i++) {
                    try {
                        if (sockets.get(i) == null) {
                            Socket socket = new Socket("127.0.0.1", bridge.bridge().port());
                            socket.getOutputStream().write(post(attackerToken, 1_000_000, false)
                                    .getBytes(StandardCharsets.US_ASCII));
                            sockets.set(i, socket);
                        } else {
                            sockets.get(i).getOutputStream().write(' ');
                        }
                    } catch (IOException closedByTheBridge) {
                        closeQuietly(sockets.get(i));
                        sockets.set(i, null);
                    }
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.forEach(SlowClientAttackTest::closeQuietly);
        }
    }

    private static String post(String token, int length, boolean close) {
        return "POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + bridge.bridge().port() + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    /** Milliseconds until the status line arrives on a fresh connection; the timeout (and more) when it never does. */
    private static long probe(String request, String expectedStatus) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", bridge.bridge().port())) {
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String status = statusLine(socket.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return status.startsWith("HTTP/1.1 " + expectedStatus) ? millis : PROBE_TIMEOUT_MILLIS + 1;
        } catch (SocketTimeoutException e) {
            return PROBE_TIMEOUT_MILLIS + 1;
        } catch (IOException e) {
            return PROBE_TIMEOUT_MILLIS + 2;
        }
    }

    static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
