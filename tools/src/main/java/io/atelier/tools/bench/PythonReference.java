package io.atelier.tools.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tools/bench/python_reference.py run by Debian's /usr/bin/python3 (never the pyenv python3 on PATH) over the same
 * TorchScript files, same sampler math, seed and thread count: how Python tools run these models.
 */
final class PythonReference {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern TOTAL = Pattern.compile("\"total_ms\":\\s*([0-9.eE+-]+)");

    private PythonReference() {
    }

    /** Whether /usr/bin/python3 can import torch. */
    static boolean available() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The script: as given, else under the working folder, else beside the checkout the jar was built in. */
    static Optional<Path> script(String given) {
        Path relative = Path.of("tools", "bench", "python_reference.py");
        if (given != null) {
            return Optional.of(Path.of(given)).filter(Files::isRegularFile);
        }
        if (Files.isRegularFile(relative)) {
            return Optional.of(relative);
        }
        try {
            // target/atelier-tools.jar -> tools/target -> tools -> checkout root
            Path jar = Path.of(PythonReference.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            root = root == null ? null : root.getParent();
            return Optional.ofNullable(root).map(r -> r.resolve(relative)).filter(Files::isRegularFile);
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Median milliseconds of one generation in Python. */
    static double medianMillis(Path script, Path packageDir, String prompt, long seed, int runs, int threads)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), packageDir.toString(),
                "--prompt", prompt, "--seed", Long.toString(seed), "--runs", Integer.toString(runs),
                "--threads", Integer.toString(threads)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("the Python reference failed: " + lastLine(output));
        }
        Matcher m = TOTAL.matcher(lastLine(output));
        if (!m.find()) {
            throw new IOException("the Python reference printed no total_ms: " + lastLine(output));
        }
        return Double.parseDouble(m.group(1));
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
