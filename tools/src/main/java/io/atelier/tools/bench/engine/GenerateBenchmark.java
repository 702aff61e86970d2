package io.atelier.tools.bench.engine;

import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.pipeline.DiffusionPipeline;
import io.atelier.tools.bench.ConcurrentClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Engine-side generation benchmark, in one run: latency of a default text-to-image, the share of it spent inside
 * model forwards, the same generation by tools/bench/python_reference.py (plain python3-torch over the same
 * TorchScript files and the same DDIM math), and throughput with 1 and 8 concurrent requests (batched).
 *
 * <pre>
 * ./mvnw -q -B -DskipTests -pl tools -am package
 * java -cp tools/target/atelier-tools.jar io.atelier.tools.bench.engine.GenerateBenchmark \
 *     --home ~/.atelier --model atelier-tiny --runs 5 --python tools/bench/python_reference.py
 * </pre>
 * Prints figures; asserts nothing.
 */
public final class GenerateBenchmark {
    private GenerateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(option(args, "--home", System.getProperty("java.io.tmpdir") + "/atelier-bench-home"));
        String model = option(args, "--model", null);
        int runs = Integer.parseInt(option(args, "--runs", "5"));
        int clients = Integer.parseInt(option(args, "--clients", "8"));
        String python = option(args, "--python", null);
        String prompt = option(args, "--prompt", "red stripes dress belt short_sleeves");

        ModelRegistry registry = ModelRegistry.forHome(home);
        try (DiffusionEngine engine = DiffusionEngine.open(registry)) {
            DiffusionPipeline pipeline = engine.pipeline(model);
            String id = pipeline.manifest().id();
            GenerationRequest request = GenerationRequest.of(prompt).withModel(id).withSeed(42L);
            System.out.printf(Locale.ROOT, "model %s, %dx%d, %d steps, sampler %s, guidance %.1f, %d CPU threads%n",
                    id, pipeline.manifest().nativeWidth(), pipeline.manifest().nativeHeight(),
                    pipeline.manifest().scheduler().defaultSteps(), pipeline.manifest().scheduler().defaultSampler(),
                    pipeline.manifest().scheduler().defaultGuidance(), Runtime.getRuntime().availableProcessors());

            // Step 1: warm-up (first forwards pay libtorch's one-time costs), then timed single generations, through
            // the engine's worker thread as the bridge calls it.
            long coldBegin = System.nanoTime();
            engine.generate(request, GenerationListener.NONE);
            System.out.printf(Locale.ROOT, "first generation after load (cold): %.1f ms%n",
                    (System.nanoTime() - coldBegin) / 1e6);
            for (int i = 0; i < 2; i++) {
                engine.generate(request, GenerationListener.NONE);
            }
            double[] totals = new double[runs];
            double[] forwards = new double[runs];
            for (int i = 0; i < runs; i++) {
                long modelBefore = pipeline.modelNanos();
                long begin = System.nanoTime();
                engine.generate(request, GenerationListener.NONE);
                totals[i] = (System.nanoTime() - begin) / 1e6;
                forwards[i] = (pipeline.modelNanos() - modelBefore) / 1e6;
            }
            String png = option(args, "--png", null);
            if (png != null) {
                javax.imageio.ImageIO.write(engine.generate(request, GenerationListener.NONE).images().get(0), "png",
                        Path.of(png).toFile());
            }
            double total = median(totals);
            double forward = median(forwards);
            System.out.printf(Locale.ROOT, "generation latency (median of %d): %.1f ms%n", runs, total);
            System.out.printf(Locale.ROOT, "inside model forwards: %.1f ms, ratio %.3f%n", forward, forward / total);
            System.out.printf(Locale.ROOT, "time to first progress (engine side, median): %.1f ms%n",
                    timeToFirstProgress(engine, request, runs));

            // Step 2: the same generation in plain Python over the same files.
            if (python != null) {
                ModelPackage modelPackage = registry.open(id);
                String json = runPython(python, modelPackage.directory(), prompt, runs);
                double pythonTotal = number(json, "total_ms");
                System.out.printf(Locale.ROOT, "python3-torch reference: %.1f ms (forwards %.1f ms); Atelier/Python"
                        + " %.3f%n", pythonTotal, number(json, "forward_ms"), total / pythonTotal);
            }

            // Step 3: throughput, one client at a time, then `clients` clients at once (batched by the engine).
            int perClient = Math.max(1, runs / 2);
            double sequential = throughput(engine, request, 1, clients * perClient);
            double concurrent = throughput(engine, request, clients, perClient);
            System.out.printf(Locale.ROOT, "throughput 1 client: %.2f images/s%n", sequential);
            System.out.printf(Locale.ROOT, "throughput %d clients: %.2f images/s (x%.2f)%n", clients, concurrent,
                    concurrent / sequential);
        }
    }

    private static double timeToFirstProgress(DiffusionEngine engine, GenerationRequest request, int runs) {
        double[] firsts = new double[runs];
        for (int i = 0; i < runs; i++) {
            long begin = System.nanoTime();
            long[] first = {0};
            engine.generate(request, new GenerationListener() {
                @Override
                public void onStep(int step, int totalSteps, java.util.function.Supplier<java.awt.image.BufferedImage>
                        preview) {
                    if (step == 1) {
                        preview.get();
                        first[0] = System.nanoTime();
                    }
                }
            });
            firsts[i] = (first[0] - begin) / 1e6;
        }
        return median(firsts);
    }

    private static double throughput(DiffusionEngine engine, GenerationRequest request, int clients, int each)
            throws Exception {
        return ConcurrentClients.imagesPerSecond(clients, each,
                (c, seed) -> engine.generate(request.withSeed(seed), GenerationListener.NONE));
    }

    private static String runPython(String script, Path packageDir, String prompt, int runs)
            throws IOException, InterruptedException {
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        Process process = new ProcessBuilder("/usr/bin/python3", script, packageDir.toString(), "--prompt", prompt,
                "--seed", "42", "--runs", Integer.toString(runs), "--threads", Integer.toString(threads))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("python reference failed:\n" + output);
        }
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static double number(String json, String key) {
        int at = json.indexOf("\"" + key + "\":");
        String rest = json.substring(at + key.length() + 3).trim();
        int end = 0;
        while (end < rest.length() && "0123456789.eE+-".indexOf(rest.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(rest.substring(0, end));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
