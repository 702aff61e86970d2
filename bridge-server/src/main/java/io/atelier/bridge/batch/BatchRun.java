package io.atelier.bridge.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code atelier batch FILE.jsonl --out DIR}: one {@code images.generate} per non-blank line, several in flight, with
 * a progress bar. Resumable: a line whose every output file exists is skipped, and a line submitted before a crash is
 * submitted again under the same {@code clientRequestId}, so the bridge answers the job it already has.
 */
public final class BatchRun {
    static final String PREFIX = "line";

    /** One line that produced nothing, and why. */
    public record Failure(int line, String reason) {
    }

    /**
     * @param lines requests in the file
     * @param skipped lines already done by an earlier run
     * @param completed lines done by this run
     * @param images PNGs written by this run
     * @param seconds wall time of this run
     */
    public record Report(int lines, int skipped, int completed, int images, List<Failure> failures, double seconds) {
        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : 0;
        }
    }

    private BatchRun() {
    }

    public static Report run(Path file, Path out, int inFlight, GenerationRunner runner, PrintStream progressOut)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(out);
        // Step 1: parse every line first, so that a typo on line 180 is known before line 1 runs.
        List<GenerationRequestLine> todo = new ArrayList<>();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        int lines = 0;
        int skipped = 0;
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            lines++;
            try {
                GenerationRequestLine request = GenerationRequestLine.parse(i + 1, text.get(i));
                if (request.outputs(out, PREFIX).stream().allMatch(Files::exists)) {
                    skipped++;
                } else {
                    todo.add(request);
                }
            } catch (IllegalArgumentException e) {
                failures.add(new Failure(i + 1, e.getMessage()));
            }
        }
        // Step 2: run the rest, inFlight at a time.
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger images = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, inFlight));
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Batch").setInitialMax(lines)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(progressOut)).build()) {
            bar.stepBy(skipped + failures.size());
            List<Future<?>> running = new ArrayList<>();
            for (GenerationRequestLine request : todo) {
                running.add(pool.submit(() -> {
                    try {
                        images.addAndGet(runner.run(request, out, PREFIX).size());
                        completed.incrementAndGet();
                    } catch (GenerationRunner.LineFailedException | IOException e) {
                        failures.add(new Failure(request.line(), e.getMessage()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        bar.step();
                    }
                    return null;
                }));
            }
            for (Future<?> each : running) {
                try {
                    each.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort(java.util.Comparator.comparingInt(Failure::line));
        return new Report(lines, skipped, completed.get(), images.get(), List.copyOf(sorted),
                (System.nanoTime() - started) / 1e9);
    }
}
