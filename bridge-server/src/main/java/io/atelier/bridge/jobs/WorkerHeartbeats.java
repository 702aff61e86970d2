package io.atelier.bridge.jobs;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What each team worker says of itself every few seconds, in the shared database's {@code workers} table: its models
 * and its memory and CPU. Workers serve no HTTP, so this is how any bridge's {@code /metrics} tells of them all.
 */
public final class WorkerHeartbeats {
    /** A worker not heard from for this long is left out of the figures (it stopped or died). */
    public static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(2);

    /**
     * @param residentBytes  the worker process's resident set (the JVM plus libtorch's native tensors); -1 unknown
     * @param heapUsedBytes  JVM heap in use
     * @param cpuLoad        the process's recent CPU load, 0..1; negative when unknown
     * @param gpuUsedBytes   GPU memory in use on all its GPUs; null without CUDA
     */
    public record Heartbeat(String workerId, String models, long seenAtMillis, long residentBytes, long heapUsedBytes,
                            double cpuLoad, Long gpuUsedBytes) {
    }

    private final AtelierDatabase db;
    private final Clock clock;

    public WorkerHeartbeats(AtelierDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void beat(Heartbeat beat) {
        db.write(c -> Sql.upsert(c, "workers", "worker_id",
                "worker_id, models, seen_at, resident_bytes, heap_used_bytes, cpu_load, gpu_used_bytes",
                Arrays.asList(beat.workerId(), beat.models(), beat.seenAtMillis(), beat.residentBytes(),
                        beat.heapUsedBytes(), beat.cpuLoad(), beat.gpuUsedBytes())));
    }

    /** The workers heard from within {@link #FORGOTTEN_AFTER}, by id. */
    public List<Heartbeat> recent() {
        long since = clock.millis() - FORGOTTEN_AFTER.toMillis();
        return db.read(c -> new ArrayList<>(Sql.query(c, "SELECT worker_id, models, seen_at, resident_bytes, "
                + "heap_used_bytes, cpu_load, gpu_used_bytes FROM workers WHERE seen_at >= ? ORDER BY worker_id",
                List.of(since), rs -> new Heartbeat(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getDouble(6), Sql.nullableLong(rs, "gpu_used_bytes")))));
    }
}
