package io.atelier.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.support.TestBridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The body limit is enforced while reading: an 80 MB body is refused long before the server has it all. */
class BodyLimitTest {
    private static final long EIGHTY_MB = 80L << 20;
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(); // default limits: 32 MiB
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void chunked_80_mb_body_is_refused_with_413_before_it_is_all_sent() throws Exception {
        // Raw socket, so the test sees exactly what the server answers while the client is still sending.
        try (Socket socket = new Socket("127.0.0.1", bridge.bridge().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + bridge.bridge().port() + "\r\n"
                    + "Authorization: Bearer " + bridge.adminToken() + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < EIGHTY_MB) {
                    out.write(header);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    chunk[0] = ' ';
                    sent += chunk.length;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException serverStoppedReading) {
                // Expected: the server answered and closed while we were still sending.
            }
            String answer = readAvailable(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("-32005"), answer);
            assertTrue(sent < EIGHTY_MB, "the server let the client send all " + sent + " bytes");
        }
    }

    @Test
    void okhttp_streamed_80_mb_body_is_refused_with_413() throws Exception {
        AtomicLong written = new AtomicLong();
        RequestBody streaming = new RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return TestBridge.JSON;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                chunk[0] = '[';
                while (written.get() < EIGHTY_MB) {
                    sink.write(chunk);
                    chunk[0] = ' ';
                    written.addAndGet(chunk.length);
                }
            }
        };
        Request request = new Request.Builder().url(bridge.url("/rpc"))
                .header("Authorization", "Bearer " + bridge.adminToken()).post(streaming).build();
        // OkHttp reads the early answer even though its upload was cut short.
        TestBridge.Answer answer = bridge.send(request);
        assertEquals(413, answer.code());
        assertEquals(-32005, answer.errorCode());
        assertTrue(written.get() < EIGHTY_MB, "the server let the client send all " + written.get() + " bytes");
    }

    @Test
    void declared_length_over_the_limit_is_refused_without_reading() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bridge.bridge().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + bridge.bridge().port() + "\r\n"
                    + "Authorization: Bearer " + bridge.adminToken() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + EIGHTY_MB + "\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAvailable(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("-32005"), answer);
        }
    }

    private static String readAvailable(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        StringBuilder text = new StringBuilder();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (text.indexOf("}}") > 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // Connection reset after the answer: what we read is what counts.
        }
        return text.toString();
    }
}
