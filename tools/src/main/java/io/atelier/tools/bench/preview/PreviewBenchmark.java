package io.atelier.tools.bench.preview;

import io.atelier.preview.render.ChildProcessRenderer;
import io.atelier.preview.render.PreviewRenderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times what a user waits for: a child JVM (started as {@code ./atelier preview render} would be, under
 * xvfb-run when there is no display) rendering a 1280x720 store still, and a 12-frame 1280x720 garment
 * turntable, from spawn to exit. Peak memory is the child's VmHWM (resident set, GL buffers included).
 *
 * <p>{@code ./atelier bench preview [--runs 3]}; prints one line per run and a summary.
 */
public final class PreviewBenchmark {
    private static final long STORE_TARGET_MS = 5_000;
    private static final long TURNTABLE_TARGET_MS = 10_000;

    private PreviewBenchmark() {
    }

    /** Measures {@code runs} renders of each kind and prints them with a summary. */
    public static void run(int runs) throws IOException {
        Path out = Files.createTempDirectory("atelier-preview-bench");
        ChildProcessRenderer renderer = new ChildProcessRenderer(false, Duration.ofMinutes(5));
        System.out.printf("cores=%d load=%s display=%s%n", Runtime.getRuntime().availableProcessors(), loadAverage(),
                System.getenv("DISPLAY") == null ? "none (xvfb-run)" : System.getenv("DISPLAY"));
        long[] store = measure(renderer, "store still 1280x720", runs, List.of("render", "--scene", "store",
                "--time", "golden-hour", "--views", "1", "--out", out.toString(), "--report-memory"));
        long[] turntable = measure(renderer, "garment turntable 12 x 1280x720", runs, List.of("render", "--scene", "garment",
                "--garment", "dress", "--views", "12", "--out", out.toString(), "--report-memory"));
        System.out.printf("SUMMARY store still: median %d ms (target <= %d ms), peak RSS %d MiB%n",
                store[0], STORE_TARGET_MS, store[1] / 1024);
        System.out.printf("SUMMARY garment turntable (12 frames): median %d ms (target <= %d ms), peak RSS %d MiB%n",
                turntable[0], TURNTABLE_TARGET_MS, turntable[1] / 1024);
    }

    /** The 1-minute load average: figures taken on a shared machine are only comparable at similar load. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long reported(String stderr, String key) {
        return Arrays.stream(stderr.split("\n")).filter(l -> l.startsWith(key))
                .mapToLong(l -> Long.parseLong(l.substring(key.length()).trim())).findFirst().orElse(-1);
    }

    /** Returns {median wall ms, max peak RSS KiB}. */
    private static long[] measure(ChildProcessRenderer renderer, String name, int runs, List<String> args) {
        List<Long> times = new ArrayList<>();
        long peak = 0;
        for (int i = 0; i < runs; i++) {
            ChildProcessRenderer.Result r = renderer.run(args, 1280, 720);
            if (r.exitCode() != 0) {
                throw new PreviewRenderException("benchmark render failed: " + r.stderr());
            }
            long rss = reported(r.stderr(), "peakRssKiB=");
            long cpu = reported(r.stderr(), "cpuMs=");
            peak = Math.max(peak, rss);
            times.add(r.wallMillis());
            System.out.printf("%s run %d: wall %d ms (JVM start included), renderer JVM CPU %d ms, peak RSS %d MiB%n",
                    name, i + 1, r.wallMillis(), cpu, rss / 1024);
        }
        times.sort(Long::compare);
        return new long[] {times.get(times.size() / 2), peak};
    }
}
