package io.atelier.bridge.metrics;

import io.atelier.bridge.jobs.DatabaseJobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a team admin watches, in Prometheus's text format through Micrometer: the queue's depth per model and the jobs
 * each worker finished (both read from the database every bridge shares, so any bridge tells the whole team), and
 * this process's memory (JVM heap and non-heap, resident set) and CPU.
 */
public final class BridgeMetrics {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_BYTES = 4096;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DatabaseJobStore jobs;
    private final MultiGauge queueDepth;
    private final MultiGauge finishedByWorker;

    public BridgeMetrics(DatabaseJobStore jobs) {
        this.jobs = jobs;
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("atelier.process.resident.memory", BridgeMetrics::residentBytes).baseUnit("bytes")
                .description("Resident set of this process: the JVM plus native memory (libtorch's tensors)")
                .register(registry);
        queueDepth = MultiGauge.builder("atelier.queue.depth").description("Jobs waiting for a worker, by model"
                + " (model=\"\": any worker)").register(registry);
        finishedByWorker = MultiGauge.builder("atelier.worker.jobs.finished").description("Jobs each team worker"
                + " finished, among those kept (retention); rate() gives its throughput").register(registry);
    }

    /** The current figures, read now, in Prometheus's text exposition format. */
    public String scrape() {
        queueDepth.register(rows(jobs.queuedByModel(), "model"), true);
        finishedByWorker.register(rows(jobs.finishedByWorker(), "worker"), true);
        return registry.scrape();
    }

    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private static Iterable<MultiGauge.Row<?>> rows(Map<String, Integer> counts, String tag) {
        return counts.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()),
                e.getValue())).toList();
    }

    private static double residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
