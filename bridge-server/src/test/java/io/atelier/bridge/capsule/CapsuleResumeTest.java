package io.atelier.bridge.capsule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.bridge.jobs.JobRecord;
import io.atelier.bridge.jobs.DatabaseJobStore;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.service.JobsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An accepted capsule outlives a crash: journalled at submit with its seed and model fixed, it is drawn again from its
 * start under the same job id when the bridge restarts, to the same plan and the same flats. The crash is staged by
 * putting back the record a killed bridge leaves (the job still "running"); the tiny model keeps it fast.
 */
class CapsuleResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path home;

    private Bridge start() throws Exception {
        return GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS), "atelier-tiny").start();
    }

    private static AtelierClient admin(Bridge bridge) throws Exception {
        return AtelierClient.create(bridge.baseUri().toString(), bridge.tokens().readAdminToken());
    }

    @Test
    void a_capsule_left_running_by_a_crash_is_drawn_again_under_its_id_to_the_same_flats() throws Exception {
        String jobId;
        List<ImageRef> firstResults;
        byte[] firstFlat;
        byte[] firstSpec;
        try (Bridge bridge = start(); AtelierClient admin = admin(bridge);
             AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            admin.call("brands.create", Map.of("id", "maison", "displayName", "Maison",
                    "palette", List.of(Map.of("name", "rouge", "hex", "#b01c2e"))));
            jobId = socket.call("capsules.generate", Map.of("brand", "maison", "looks", 2, "piecesPerLook", 1,
                    "seed", 4)).path("jobId").asText();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, WAIT);
            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
            firstResults = finished.results();
            firstFlat = admin.fetchImage(firstResults.get(0));
            firstSpec = admin.fetchImage(firstResults.get(firstResults.size() - 2));
        }

        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            DatabaseJobStore store = new DatabaseJobStore(db);
            JobRecord done = store.find(jobId).orElseThrow();
            assertNotNull(done.replay(), "a capsule is journalled with what a restart needs");
            store.save(new JobRecord(jobId, done.kind(), done.ownerTokenId(), done.brand(), JobStatus.RUNNING,
                    new JobProgress(1, 2), List.of(), null, done.createdAt(), null, 1, done.replay(),
                    done.clientRequestId()));
        }

        try (Bridge bridge = start(); AtelierClient admin = admin(bridge)) {
            assertEquals(List.of(jobId), bridge.resumedJobs().jobIds());
            JobsService jobs = admin.service(JobsService.class);
            long deadline = System.nanoTime() + WAIT.toNanos();
            JobInfo info = jobs.get(new JobIdParams(jobId));
            while (!info.status().isFinal() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                info = jobs.get(new JobIdParams(jobId));
            }
            assertEquals(JobStatus.SUCCEEDED, info.status(), String.valueOf(info.error()));
            assertEquals(firstResults.size(), info.results().size());
            assertArrayEquals(pixels(firstFlat), pixels(admin.fetchImage(info.results().get(0))),
                    "the first flat is drawn again the same");
            String specAgain = new String(admin.fetchImage(info.results().get(info.results().size() - 2)));
            assertEquals(withoutIds(new String(firstSpec)), withoutIds(specAgain), "the same plan, judged the same");
        }
    }

    /** Pixels, not PNG bytes: each flat's provenance names its own new history record. */
    private static int[] pixels(byte[] png) throws java.io.IOException {
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The spec sheet without the ids a second run gives anew (history records, stored images). */
    private static String withoutIds(String spec) {
        return spec.replaceAll("hist-[0-9a-f]{16}", "hist").replaceAll("\"image\"\\s*:\\s*\"[^\"]+\"", "image");
    }
}
