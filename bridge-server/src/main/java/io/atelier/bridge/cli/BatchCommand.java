package io.atelier.bridge.cli;

import io.atelier.bridge.batch.BatchRun;
import io.atelier.bridge.batch.BridgeConnection;
import io.atelier.bridge.batch.GenerationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atelier batch FILE.jsonl --out DIR}: see {@link BatchRun}. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Run one images.generate per line of a JSONL file (each line its params object); re-running "
                + "skips the lines already written.")
final class BatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "One images.generate params object per line.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for line-NNNN-seed-S.png and its .json sidecar.")
    Path out;

    @Option(names = "--parallel", defaultValue = "4", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--wait-seconds", defaultValue = "120",
            description = "How long a request waits for an unreachable bridge (e.g. restarting) before its line "
                    + "fails (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin
    BridgeOptions bridgeOptions;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("atelier: no file " + file);
            return 2;
        }
        try (BridgeConnection bridge = bridgeOptions.open()) {
            BatchRun.Report report = BatchRun.run(file, out, parallel,
                    new GenerationRunner(bridge::client, Duration.ofSeconds(waitSeconds)), System.err);
            System.out.printf("%d lines: %d done now (%d images, %.2f images/s), %d already done, %d failed; "
                            + "files in %s%n", report.lines(), report.completed(), report.images(),
                    report.imagesPerSecond(), report.skipped(), report.failures().size(), out.toAbsolutePath());
            for (BatchRun.Failure failure : report.failures()) {
                System.out.println("  line " + failure.line() + ": " + failure.reason());
            }
            return report.failures().isEmpty() ? 0 : 1;
        }
    }
}
