package io.atelier.preview.render;

import javax.imageio.ImageIO;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Renders in a child JVM, under {@code xvfb-run} when there is no display (CI, a headless bridge). A GL crash
 * or leak then cannot take the caller down, and the caller needs no display of its own. The child runs
 * {@code PreviewMain render …} with this JVM's java and class path.
 */
public final class ChildProcessRenderer {
    /** A line the child prints after each captured view with {@code --print-progress}: {@code progress N}. */
    public static final String PROGRESS_PREFIX = "progress ";

    private static final long OUTPUT_DRAIN_MILLIS = 5_000;
    private final boolean forceXvfb;
    private final Duration timeout;

    /** @param forceXvfb render under Xvfb + Mesa even where a display exists (reproducible pixels for tests) */
    public ChildProcessRenderer(boolean forceXvfb, Duration timeout) {
        this.forceXvfb = forceXvfb;
        this.timeout = timeout;
    }

    public ChildProcessRenderer() {
        this(false, Duration.ofMinutes(3));
    }

    /** Whether a child can get a GL context here: a display, or xvfb-run to make one. */
    public static boolean canRender(boolean forceXvfb) {
        return xvfbRun() != null || (!forceXvfb && System.getenv("DISPLAY") != null);
    }

    /** Renders the request into {@code outDir}; returns the PNGs in view order. */
    public List<Path> render(PreviewRequest request, Path outDir) {
        return render(request, outDir, null);
    }

    /**
     * Renders into {@code outDir}, telling {@code viewsDoneOrNull} how many views the child has captured after each
     * one (from a reader thread), before any file is written.
     */
    public List<Path> render(PreviewRequest request, Path outDir, IntConsumer viewsDoneOrNull) {
        try {
            Path inputs = Files.createTempDirectory("atelier-preview-in");
            try {
                List<String> args = new ArrayList<>(List.of("render", "--scene", request.scene().id(),
                        "--garment", request.garment().id(), "--time", request.time().id(),
                        "--views", String.valueOf(request.views()),
                        "--width", String.valueOf(request.width()), "--height", String.valueOf(request.height()),
                        "--store-width", String.valueOf(request.store().width()),
                        "--store-depth", String.valueOf(request.store().depth()),
                        "--out", outDir.toAbsolutePath().toString()));
                if (request.cameraOrNull() != null) {
                    args.addAll(List.of("--camera", request.cameraOrNull().id()));
                }
                if (request.fabricOrNull() != null) {
                    args.addAll(List.of("--fabric", request.fabricOrNull().id()));
                }
                for (int i = 0; i < request.images().size(); i++) {
                    Path png = inputs.resolve("image-" + i + ".png");
                    ImageIO.write(request.images().get(i), "png", png.toFile());
                    args.addAll(List.of("--image", png.toString()));
                }
                if (viewsDoneOrNull != null) {
                    args.add("--print-progress");
                }
                Result result = run(args, request.width(), request.height(), viewsDoneOrNull);
                if (result.exitCode() != 0) {
                    throw new PreviewRenderException("preview renderer failed: " + lastLine(result.stderr()));
                }
                List<Path> paths = new ArrayList<>();
                for (int i = 0; i < request.views(); i++) {
                    paths.add(outDir.resolve(PreviewRenderer.fileName(request, i)));
                }
                return paths;
            } finally {
                try (var files = Files.list(inputs)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(inputs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare preview render", e);
        }
    }

    /** The outcome of one child run: exit code, its output, and how long it took from spawn to exit. */
    public record Result(int exitCode, String stdout, String stderr, long wallMillis) {
    }

    /** Runs {@code PreviewMain} with the given arguments in a child JVM (under Xvfb where needed). */
    public Result run(List<String> previewArgs, int width, int height) {
        return run(previewArgs, width, height, null);
    }

    private Result run(List<String> previewArgs, int width, int height, IntConsumer viewsDoneOrNull) {
        List<String> command = new ArrayList<>();
        String xvfb = xvfbRun();
        if (xvfb != null && (forceXvfb || System.getenv("DISPLAY") == null)) {
            command.addAll(List.of(xvfb, "-a", "-s", "-screen 0 " + Math.max(width, 640) + "x" + Math.max(height, 480) + "x24"));
        } else if (System.getenv("DISPLAY") == null) {
            throw new PreviewRenderException("no display and no xvfb-run: install xvfb and libgl1-mesa-dri to render previews");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.atelier.preview.cli.PreviewMain"));
        command.addAll(previewArgs);
        try {
            Path err = Files.createTempFile("atelier-preview", ".err");
            try {
                long start = System.nanoTime();
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                // Read stdout as it comes: progress lines are reported at once; the stream ends when the child dies.
                StringBuilder stdout = new StringBuilder();
                Thread reader = new Thread(() -> readOutput(process, stdout, viewsDoneOrNull), "atelier-preview-output");
                reader.setDaemon(true);
                reader.start();
                boolean exited;
                try {
                    exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    kill(process); // a cancelled job must not leave a renderer running
                    throw e;
                }
                if (!exited) {
                    kill(process);
                    throw new PreviewRenderException("preview renderer timed out after " + timeout.toSeconds() + " s");
                }
                long wall = (System.nanoTime() - start) / 1_000_000;
                reader.join(OUTPUT_DRAIN_MILLIS);
                String output;
                synchronized (stdout) {
                    output = stdout.toString();
                }
                return new Result(process.exitValue(), output, Files.readString(err, StandardCharsets.UTF_8), wall);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the preview renderer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewRenderException("preview render interrupted", e);
        }
    }

    private static void readOutput(Process process, StringBuilder stdout, IntConsumer viewsDoneOrNull) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(PROGRESS_PREFIX)) {
                    if (viewsDoneOrNull != null) {
                        viewsDoneOrNull.accept(Integer.parseInt(line.substring(PROGRESS_PREFIX.length()).strip()));
                    }
                    continue;
                }
                synchronized (stdout) {
                    stdout.append(line).append('\n');
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The child was killed, or printed something odd: its exit code tells the outcome.
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Renders in a child and returns the stills as PNG bytes, in view order (what a bridge job publishes). */
    public List<byte[]> renderPngs(PreviewRequest request) {
        return renderPngs(request, null);
    }

    /** The same, telling {@code viewsDoneOrNull} how many views are captured after each one (a job's progress). */
    public List<byte[]> renderPngs(PreviewRequest request, IntConsumer viewsDoneOrNull) {
        try {
            Path out = Files.createTempDirectory("atelier-preview-out");
            try {
                List<byte[]> pngs = new ArrayList<>();
                for (Path p : render(request, out, viewsDoneOrNull)) {
                    pngs.add(Files.readAllBytes(p));
                }
                return pngs;
            } finally {
                try (var files = Files.list(out)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rendered previews", e);
        }
    }

    private static String xvfbRun() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "xvfb-run");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("error:")) {
                return lines[i].substring("error:".length()).strip();
            }
        }
        return "exit without a message";
    }
}
