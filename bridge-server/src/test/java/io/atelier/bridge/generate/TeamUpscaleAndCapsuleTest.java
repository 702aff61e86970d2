package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.LocalPostgres;
import io.atelier.brands.store.Sql;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.service.ImagesService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a team, upscales and capsules run on a worker like generations: a bridge (no jobs of its own) and a worker on
 * one real PostgreSQL and one home folder, in this JVM; the designer's socket on the bridge hears the outcome, and the
 * queue's row names the worker that held the job.
 */
class TeamUpscaleAndCapsuleTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path home;

    private Bridge start(BridgeConfig.Role role, String database) throws Exception {
        return GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS).withDatabase(DatabaseLocation.postgresql(database))
                .withRole(role), "atelier-tiny").start();
    }

    @Test
    void an_upscale_and_a_capsule_queued_on_a_bridge_run_on_the_worker() throws Exception {
        String database = LocalPostgres.shared().createDatabase();
        try (Bridge worker = start(BridgeConfig.Role.WORKER, database);
             Bridge bridge = start(BridgeConfig.Role.BRIDGE, database);
             AtelierClient client = AtelierClient.create(bridge.baseUri().toString(),
                     bridge.tokens().readAdminToken());
             AtelierSocket socket = client.openSocket(NotificationListener.NONE)) {
            ImageRef generated = Generation.run(socket, Generation.seeded("red dress", 2)).get(0);
            String upscale = socket.service(ImagesService.class).upscale(new ImagesUpscaleParams(
                    ImageInput.ofId(generated.id()), 2, "esrgan-slim", 32, null)).jobId();
            JobsFinishedNotification upscaled = socket.awaitFinished(upscale, WAIT);
            assertEquals(JobStatus.SUCCEEDED, upscaled.status(), () -> String.valueOf(upscaled.error()));
            assertEquals(generated.width() * 2, upscaled.results().get(0).width());

            client.call("brands.create", Map.of("id", "maison", "displayName", "Maison",
                    "palette", List.of(Map.of("name", "rouge", "hex", "#b01c2e"))));
            String capsule = socket.call("capsules.generate", Map.of("brand", "maison", "looks", 2,
                    "piecesPerLook", 1, "seed", 4)).path("jobId").asText();
            JobsFinishedNotification drawn = socket.awaitFinished(capsule, WAIT);
            assertEquals(JobStatus.SUCCEEDED, drawn.status(), () -> String.valueOf(drawn.error()));
            assertEquals(2 + 3, drawn.results().size(), "2 flats, contact sheet, JSON, PDF");

            try (AtelierDatabase db = AtelierDatabase.open(DatabaseLocation.postgresql(database))) {
                for (String jobId : List.of(upscale, capsule)) {
                    String holder = db.read(c -> Sql.queryOne(c, "SELECT lease_owner FROM jobs WHERE job_id=?",
                            List.of(jobId), rs -> rs.getString(1))).orElse(null);
                    assertNotNull(holder, jobId + " ran on a queue worker");
                }
            }
        }
    }
}
