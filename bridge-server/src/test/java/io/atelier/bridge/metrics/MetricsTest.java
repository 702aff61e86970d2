package io.atelier.bridge.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.support.TestBridge;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: Prometheus text for the admin token, with the team's queue and workers in it. */
class MetricsTest {

    @Test
    void the_admin_token_reads_prometheus_text_and_no_other_token_does() throws Exception {
        try (TestBridge bridge = TestBridge.start()) {
            try (Response answer = get(bridge, bridge.adminToken())) {
                assertEquals(200, answer.code());
                assertTrue(answer.header("Content-Type").startsWith("text/plain; version=0.0.4"));
                String text = answer.body().string();
                assertTrue(text.contains("jvm_memory_used_bytes{"), text);
                assertTrue(text.contains("atelier_process_resident_memory_bytes "), text);
            }
            try (Response answer = get(bridge, bridge.scopedToken("maison"))) {
                assertEquals(403, answer.code());
            }
            try (Response answer = get(bridge, null)) {
                assertEquals(401, answer.code());
            }
        }
    }

    private static Response get(TestBridge bridge, String token) throws Exception {
        Request.Builder request = new Request.Builder().url(bridge.url("/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return bridge.http().newCall(request.build()).execute();
    }
}
