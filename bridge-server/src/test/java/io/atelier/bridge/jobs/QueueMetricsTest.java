package io.atelier.bridge.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.LocalPostgres;
import io.atelier.bridge.metrics.BridgeMetrics;
import io.atelier.protocol.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The team's figures in {@code /metrics} come from the database every bridge shares. */
class QueueMetricsTest {
    @Test
    void queue_depth_per_model_jobs_and_memory_per_worker_come_from_the_shared_database() {
        try (AtelierDatabase db = AtelierDatabase.open(DatabaseLocation.postgresql(
                LocalPostgres.shared().createDatabase()))) {
            DatabaseJobStore store = new DatabaseJobStore(db);
            SharedJobQueue queue = new SharedJobQueue(db, store, Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                queue.enqueue(JobRecord.queued("job_" + i, "images.generate", "tok_a", null, Instant.now(),
                        Map.of("steps", 1), null), "atelier-micro");
            }
            queue.enqueue(JobRecord.queued("job_sd", "images.generate", "tok_a", null, Instant.now(),
                    Map.of("steps", 1), null), "sd15");
            JobRecord claimed = queue.claim("gpu-box-1/42", Set.of("images.generate"), Set.of("atelier-micro"),
                    Duration.ofMinutes(1)).orElseThrow();
            queue.finish(claimed.finished(JobStatus.SUCCEEDED, List.of(), null, Instant.now()), "gpu-box-1/42");

            WorkerHeartbeats heartbeats = new WorkerHeartbeats(db, Clock.systemUTC());
            heartbeats.beat(new WorkerHeartbeats.Heartbeat("gpu-box-1/42", "atelier-micro,sd15",
                    System.currentTimeMillis(), 5_300_000_000L, 200_000_000L, 0.75, 7_000_000_000L));
            heartbeats.beat(new WorkerHeartbeats.Heartbeat("gone/7", "", System.currentTimeMillis()
                    - WorkerHeartbeats.FORGOTTEN_AFTER.toMillis() - 1000, 1L, 1L, 0.1, null));
            heartbeats.beat(new WorkerHeartbeats.Heartbeat("cpu-box/9", "atelier-micro", System.currentTimeMillis(),
                    400_000_000L, 20_000_000L, 0.3, null));

            String text = new BridgeMetrics(store, heartbeats).scrape();
            assertTrue(text.contains("atelier_queue_depth{model=\"atelier-micro\"} 2.0"), text);
            assertTrue(text.contains("atelier_queue_depth{model=\"sd15\"} 1.0"), text);
            assertTrue(text.contains("atelier_worker_jobs_finished{worker=\"gpu-box-1/42\"} 1.0"), text);
            // Each worker's own figures, from its heartbeat; a worker silent for minutes is left out.
            assertTrue(text.contains("atelier_worker_resident_memory_bytes{models=\"atelier-micro,sd15\","
                    + "worker=\"gpu-box-1/42\"} 5.3E9"), text);
            assertTrue(text.contains("atelier_worker_cpu_load{models=\"atelier-micro,sd15\",worker=\"gpu-box-1/42\"} "
                    + "0.75"), text);
            assertTrue(!text.contains("gone/7"), text);
            assertTrue(text.contains("atelier_worker_gpu_used_bytes{models=\"atelier-micro,sd15\","
                    + "worker=\"gpu-box-1/42\"} 7.0E9"), text);
            assertTrue(text.contains("atelier_worker_resident_memory_bytes{models=\"atelier-micro\",worker=\"cpu-box/9\"}"),
                    text);
            assertTrue(!text.contains("atelier_worker_gpu_used_bytes{models=\"atelier-micro\",worker=\"cpu-box/9\"}"),
                    "a worker without CUDA reports no GPU figure: " + text);
        }
    }
}
