package io.atelier.bridge.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** JSON-RPC over a {@link TestBridge}'s HTTP, as the adapter tests drive it: calls that must succeed, jobs to await. */
public final class BridgeCalls {
    /** {@code brands.create} params of the demo house: its teal first in the palette, its colour words in FR and EN. */
    public static final String MAISON_EXEMPLE = """
            {"id":"maison","displayName":"Maison Exemple","palette":[{"name":"vert Exemple","hex":"#1A8C8C"}],
             "vocabulary":[{"term":"vert Exemple","lang":"fr","canonical":"@brand"},
                           {"term":"Exemple green","lang":"en","canonical":"@brand"}]}""";

    private BridgeCalls() {
    }

    /**
     * Runs {@code adapters.train} over a WebSocket as {@code token} and returns the progress it reported; fails the
     * test unless the job succeeded within 8 minutes.
     */
    public static List<JobsProgressNotification> train(TestBridge bridge, String token, Map<String, Object> params)
            throws Exception {
        List<JobsProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (AtelierClient client = AtelierClient.create(bridge.url(""), token);
             AtelierSocket socket = client.openSocket(new NotificationListener() {
                 @Override
                 public void onProgress(JobsProgressNotification notification) {
                     progress.add(notification);
                 }
             })) {
            String jobId = socket.call("adapters.train", params).path("jobId").asText();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Duration.ofMinutes(8));
            assertEquals(JobStatus.SUCCEEDED, finished.status(), String.valueOf(finished));
        }
        return progress;
    }

    /** The call's result; fails the test with the answer when it is an error. */
    public static JsonNode ok(TestBridge bridge, String token, String method, String params) throws Exception {
        JsonNode answer = bridge.call(token, method, params);
        assertTrue(answer.has("result"), method + ": " + answer);
        return answer.path("result");
    }

    /** The job once final (or as it stands after 8 minutes), read with {@code jobs.get}. */
    public static JsonNode awaitJob(TestBridge bridge, String token, String jobId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        JsonNode job = ok(bridge, token, "jobs.get", "{\"jobId\":\"" + jobId + "\"}");
        while (List.of("queued", "running").contains(job.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            job = ok(bridge, token, "jobs.get", "{\"jobId\":\"" + jobId + "\"}");
        }
        return job;
    }

    /**
     * Adds {@code count} generator flats (seeds 40, 41, …, 128 px) to the brand's dataset with one caption: the
     * small dataset the adapter tests train on.
     */
    public static void addGeneratorFlats(TestBridge bridge, String token, String brand, int count, String caption)
            throws Exception {
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(FlatsGenerator.sample(40 + i, 128).image(), "png", png);
            ok(bridge, token, "datasets.add", "{\"brand\":\"" + brand + "\",\"image\":{\"base64\":\""
                    + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"},\"caption\":\""
                    + caption + "\"}");
        }
    }

    /** The pixels of the first image an {@code images.generate} with these params made, which must succeed. */
    public static int[] generated(TestBridge bridge, String token, String params) throws Exception {
        JsonNode job = awaitJob(bridge, token, ok(bridge, token, "images.generate", params).path("jobId").asText());
        assertEquals("succeeded", job.path("status").asText(), job.toString());
        String url = job.path("results").get(0).path("url").asText();
        try (okhttp3.Response response = bridge.http().newCall(new okhttp3.Request.Builder().url(bridge.url(url))
                .header("Authorization", "Bearer " + token).build()).execute()) {
            var image = ImageIO.read(new ByteArrayInputStream(response.body().bytes()));
            return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        }
    }
}
