package io.atelier.bridge.metrics;

import io.atelier.bridge.jobs.DatabaseJobStore;
import io.atelier.bridge.jobs.WorkerHeartbeats;
import io.atelier.bridge.ProcessMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What a team admin watches, in Prometheus's text format through Micrometer: the queue's depth per model and the jobs
 * each worker finished (both read from the database every bridge shares, so any bridge tells the whole team), and
 * each worker's memory and CPU from its heartbeats ({@link WorkerHeartbeats}, as workers serve no HTTP), and this
 * process's memory (JVM heap and non-heap, resident set) and CPU. A worker with CUDA also reports its GPU memory
 * (untested here: no GPU on this machine).
 */
public final class BridgeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DatabaseJobStore jobs;
    private final MultiGauge queueDepth;
    private final MultiGauge finishedByWorker;
    private final WorkerHeartbeats workers;
    private final MultiGauge workerResident;
    private final MultiGauge workerHeap;
    private final MultiGauge workerCpu;
    private final MultiGauge workerSeen;
    private final MultiGauge workerGpu;

    public BridgeMetrics(DatabaseJobStore jobs, WorkerHeartbeats workers) {
        this.jobs = jobs;
        this.workers = workers;
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("atelier.process.resident.memory", BridgeMetrics::residentBytes).baseUnit("bytes")
                .description("Resident set of this process: the JVM plus native memory (libtorch's tensors)")
                .register(registry);
        queueDepth = MultiGauge.builder("atelier.queue.depth").description("Jobs waiting for a worker, by model"
                + " (model=\"\": any worker)").register(registry);
        finishedByWorker = MultiGauge.builder("atelier.worker.jobs.finished").description("Jobs each team worker"
                + " finished, among those kept (retention); rate() gives its throughput").register(registry);
        workerResident = MultiGauge.builder("atelier.worker.resident.memory").baseUnit("bytes").description(
                "Resident set of each team worker heard from in the last two minutes (JVM plus libtorch's tensors)")
                .register(registry);
        workerHeap = MultiGauge.builder("atelier.worker.heap.used").baseUnit("bytes")
                .description("JVM heap in use in each team worker").register(registry);
        workerCpu = MultiGauge.builder("atelier.worker.cpu.load")
                .description("Recent CPU load of each team worker's process, 0..1").register(registry);
        workerGpu = MultiGauge.builder("atelier.worker.gpu.used").baseUnit("bytes")
                .description("GPU memory in use on each team worker with CUDA (all its GPUs)").register(registry);
        workerSeen = MultiGauge.builder("atelier.worker.last.seen.age").baseUnit("seconds")
                .description("Seconds since each team worker's last heartbeat").register(registry);
    }

    /** The current figures, read now, in Prometheus's text exposition format. */
    public String scrape() {
        queueDepth.register(rows(jobs.queuedByModel(), "model"), true);
        finishedByWorker.register(rows(jobs.finishedByWorker(), "worker"), true);
        List<WorkerHeartbeats.Heartbeat> beats = workers.recent();
        long now = System.currentTimeMillis();
        workerResident.register(perWorker(beats, b -> b.residentBytes() < 0 ? Double.NaN : b.residentBytes()), true);
        workerHeap.register(perWorker(beats, b -> (double) b.heapUsedBytes()), true);
        workerCpu.register(perWorker(beats, b -> b.cpuLoad() < 0 ? Double.NaN : b.cpuLoad()), true);
        workerSeen.register(perWorker(beats, b -> (now - b.seenAtMillis()) / 1000.0), true);
        workerGpu.register(perWorker(beats.stream().filter(b -> b.gpuUsedBytes() != null).toList(),
                b -> (double) b.gpuUsedBytes()), true);
        return registry.scrape();
    }

    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private static Iterable<MultiGauge.Row<?>> perWorker(List<WorkerHeartbeats.Heartbeat> beats,
                                                         ToDoubleFunction<WorkerHeartbeats.Heartbeat> value) {
        return beats.stream().<MultiGauge.Row<?>>map(b -> MultiGauge.Row.of(Tags.of("worker", b.workerId(),
                "models", b.models() == null ? "" : b.models()), value.applyAsDouble(b))).toList();
    }

    private static Iterable<MultiGauge.Row<?>> rows(Map<String, Integer> counts, String tag) {
        return counts.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()),
                e.getValue())).toList();
    }

    private static double residentBytes() {
        long bytes = ProcessMemory.residentBytes();
        return bytes < 0 ? Double.NaN : bytes;
    }
}
