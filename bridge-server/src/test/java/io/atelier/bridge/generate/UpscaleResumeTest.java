package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.jobs.JobRecord;
import io.atelier.bridge.jobs.DatabaseJobStore;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.service.ImagesService;
import io.atelier.protocol.service.JobsService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An accepted upscale outlives a crash: the job journalled at submit runs again under the same id when the bridge
 * restarts, with the same result. The crash is staged by putting back the record a killed bridge leaves (the job
 * still "running"); DurabilityTest does the real kill -9 for generations.
 */
class UpscaleResumeTest {
    @TempDir
    Path home;

    private Bridge start() throws Exception {
        return GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS), "atelier-tiny").start();
    }

    @Test
    void an_upscale_left_running_by_a_crash_runs_again_under_its_id_with_the_same_pixels() throws Exception {
        String jobId;
        byte[] firstRun;
        try (Bridge bridge = start();
             AtelierClient client = AtelierClient.create(bridge.baseUri().toString(),
                     bridge.tokens().readAdminToken());
             AtelierSocket socket = client.openSocket(NotificationListener.NONE)) {
            ImageRef generated = Generation.run(socket, Generation.seeded("red dress", 5)).get(0);
            jobId = socket.service(ImagesService.class).upscale(new ImagesUpscaleParams(
                    ImageInput.ofId(generated.id()), 2, "esrgan-slim", 32, null)).jobId();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Generation.WAIT);
            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
            firstRun = client.fetchImage(finished.results().get(0));
        }

        // What kill -9 in the middle of the job leaves behind: the journalled job still running, no result.
        try (AtelierDatabase db = AtelierDatabase.open(home)) {
            DatabaseJobStore store = new DatabaseJobStore(db);
            JobRecord done = store.find(jobId).orElseThrow();
            assertTrue(done.replay() != null, "an upscale is journalled with what a restart needs");
            store.save(new JobRecord(jobId, done.kind(), done.ownerTokenId(), done.brand(), JobStatus.RUNNING,
                    new JobProgress(1, 4), List.of(), null, done.createdAt(), null, 1, done.replay(),
                    done.clientRequestId()));
        }

        try (Bridge bridge = start();
             AtelierClient client = AtelierClient.create(bridge.baseUri().toString(),
                     bridge.tokens().readAdminToken())) {
            assertEquals(List.of(jobId), bridge.resumedJobs().jobIds());
            JobsService jobs = client.service(JobsService.class);
            long deadline = System.nanoTime() + Generation.WAIT.toNanos();
            var record = jobs.get(new JobIdParams(jobId));
            while (!record.status().isFinal() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                record = jobs.get(new JobIdParams(jobId));
            }
            assertEquals(JobStatus.SUCCEEDED, record.status(), String.valueOf(record.error()));
            byte[] secondRun = client.fetchImage(record.results().get(0));
            assertArrayEquals(pixels(firstRun), pixels(secondRun), "the re-run draws the same pixels");
        }
    }

    private static int[] pixels(byte[] png) throws java.io.IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
