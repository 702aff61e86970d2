package io.atelier.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.jobs.JobLimits;
import io.atelier.bridge.support.TestBridge;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON-RPC over POST /rpc end to end: batches, jobs and the per-token queue cap. */
class RpcOverHttpTest {
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(config -> config.withJobLimits(new JobLimits(1, 2, 50, 100)));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void batch_over_http_answers_each_request_in_order() throws Exception {
        TestBridge.Answer answer = bridge.rpc(bridge.adminToken(),
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.initialize\",\"params\":{\"clientName\":\"t\"}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"models.list\"}]");
        assertEquals(200, answer.code());
        assertEquals(2, answer.body().size());
        assertEquals(1, answer.body().get(0).path("id").asInt());
        assertTrue(answer.body().get(1).path("result").path("models").isArray());
    }

    @Test
    void only_notifications_get_204_and_no_body() throws Exception {
        TestBridge.Answer answer = bridge.rpc(bridge.adminToken(), "{\"jsonrpc\":\"2.0\",\"method\":\"models.list\"}");
        assertEquals(204, answer.code());
    }

    @Test
    void job_submitted_over_http_can_be_followed_with_jobs_get() throws Exception {
        String token = bridge.scopedToken("follow");
        String jobId = bridge.call(token, "test.count", "{\"steps\":2,\"stepMillis\":1,\"brand\":\"follow\"}")
                .path("result").path("jobId").asText();
        JsonNode job = awaitFinal(token, jobId);
        assertEquals("succeeded", job.path("status").asText());
        assertEquals(2, job.path("progress").path("step").asInt());
        assertEquals(1, job.path("results").size());
        assertTrue(job.path("results").get(0).path("url").asText().startsWith("/images/"));
    }

    @Test
    void queue_cap_per_token_answers_busy() throws Exception {
        String token = bridge.scopedToken("busy");
        String first = bridge.call(token, "test.count", "{\"steps\":100,\"stepMillis\":20}").path("result").path("jobId").asText();
        String second = bridge.call(token, "test.count", "{\"steps\":100,\"stepMillis\":20}").path("result").path("jobId").asText();
        JsonNode third = bridge.call(token, "test.count", "{\"steps\":1}");
        assertEquals(-32006, third.path("error").path("code").asInt());
        assertTrue(third.path("error").path("data").path("reason").asText().contains("jobs"));
        for (String jobId : new String[] {first, second}) {
            JsonNode cancelled = bridge.call(token, "jobs.cancel", "{\"jobId\":\"" + jobId + "\"}");
            assertTrue(cancelled.has("result"), cancelled.toString());
            assertEquals("cancelled", awaitFinal(token, jobId).path("status").asText());
        }
    }

    private static JsonNode awaitFinal(String token, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = bridge.call(token, "jobs.get", "{\"jobId\":\"" + jobId + "\"}").path("result");
            String status = job.path("status").asText();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
                return job;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }
}
