package io.atelier.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.support.Pngs;
import io.atelier.bridge.support.TestBridge;
import io.atelier.protocol.ImageRef;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A scoped token sees other brands' jobs and images as not found, never as forbidden. */
class BrandScopeHttpTest {
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
    void scoped_token_cannot_see_another_brands_job() throws Exception {
        String maison = bridge.scopedToken("maison");
        String rival = bridge.scopedToken("rival");
        JsonNode submitted = bridge.call(rival, "test.count", "{\"steps\":1,\"brand\":\"rival\"}");
        String jobId = submitted.path("result").path("jobId").asText();

        JsonNode seenByMaison = bridge.call(maison, "jobs.get", "{\"jobId\":\"" + jobId + "\"}");
        assertEquals(-32004, seenByMaison.path("error").path("code").asInt());
        JsonNode unknown = bridge.call(maison, "jobs.get", "{\"jobId\":\"job_doesnotexist\"}");
        assertEquals(unknown.path("error"), seenByMaison.path("error"), "a hidden job must read exactly like a missing one");
        assertFalse(bridge.call(maison, "jobs.list", "{}").toString().contains(jobId));

        JsonNode seenByRival = bridge.call(rival, "jobs.get", "{\"jobId\":\"" + jobId + "\"}");
        assertEquals(jobId, seenByRival.path("result").path("jobId").asText());
        JsonNode seenByAdmin = bridge.call(bridge.adminToken(), "jobs.get", "{\"jobId\":\"" + jobId + "\"}");
        assertEquals(jobId, seenByAdmin.path("result").path("jobId").asText());
    }

    @Test
    void scoped_token_cannot_submit_for_another_brand() throws Exception {
        String maison = bridge.scopedToken("maison");
        JsonNode answer = bridge.call(maison, "test.count", "{\"steps\":1,\"brand\":\"rival\"}");
        assertEquals(-32004, answer.path("error").path("code").asInt());
    }

    @Test
    void images_honour_the_brand_scope() throws Exception {
        ImageRef rivalImage = bridge.bridge().images().put(Pngs.solid(3, 3), "rival", null);
        String maison = bridge.scopedToken("maison");
        String rival = bridge.scopedToken("rival");
        assertEquals(404, fetch(maison, rivalImage.url()).code());
        assertEquals(404, fetch(maison, "/images/00000000000000000000000000000000.png").code());
        assertEquals(401, fetch(null, rivalImage.url()).code());
        try (var response = bridge.http().newCall(request(rival, rivalImage.url())).execute()) {
            assertEquals(200, response.code());
            assertEquals("image/png", response.header("Content-Type"));
            assertEquals(rivalImage.sha256(), sha256(response.body().bytes()));
        }
    }

    private static TestBridge.Answer fetch(String token, String path) throws Exception {
        return bridge.send(request(token, path));
    }

    private static Request request(String token, String path) {
        Request.Builder builder = new Request.Builder().url(bridge.url(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
