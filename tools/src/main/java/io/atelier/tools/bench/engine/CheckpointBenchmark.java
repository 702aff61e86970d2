package io.atelier.tools.bench.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.atelier.bridge.ProcessMemory;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.model.CheckpointManifests;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.pipeline.DeviceChoice;
import io.atelier.engine.pipeline.DiffusionPipeline;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.sd.CheckpointInspector;
import io.atelier.engine.sd.Sd1Config;
import io.atelier.engine.sd.Sd1Model;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A full-size SD-1.x checkpoint on this machine (a random-weight file with every tensor of the real SD-1.5 file,
 * written by tools/sd/write_full_random_sd15.py, is enough): load time, seconds per guided UNet step at 256 and
 * 512 px, the UNet's achieved FLOP/s against a plain matmul through the same libtorch, the share of a generation's
 * time inside model forwards, and peak RSS against the float32 weights. Everything is measured in this one run.
 */
public final class CheckpointBenchmark {
    private CheckpointBenchmark() {
    }

    public static void run(Path checkpoint, int steps, boolean unetSteps, PrintStream out) throws IOException {
        // Step 1: the ceiling, a 2048 x 2048 float32 matmul on the same threads.
        double peak = matmulPeak();
        out.printf(Locale.ROOT, "matmul 2048x2048 float32 through libtorch: %.1f GFLOP/s%n", peak / 1e9);

        // Step 2: load through the registry and the engine, as the bridge does (header check, weights, probe).
        Path home = Files.createTempDirectory("atelier-bench-home");
        Files.createDirectories(home.resolve("models"));
        Path linked = home.resolve("models").resolve(checkpoint.getFileName());
        Files.createSymbolicLink(linked, checkpoint.toAbsolutePath());
        String id = CheckpointManifests.idFor(checkpoint.getFileName().toString());
        long begin = System.nanoTime();
        ModelRegistry registry = ModelRegistry.forHome(home);
        if (registry.manifest(id).isEmpty()) {
            out.println("not loadable: " + registry.problems());
            return;
        }
        double loadPeak;
        try (DiffusionEngine engine = DiffusionEngine.open(registry)) {
            DiffusionPipeline pipeline = engine.pipeline(id);
            double loadSeconds = (System.nanoTime() - begin) / 1e9;
            loadPeak = ProcessMemory.gb("VmHWM");
            out.printf(Locale.ROOT, "load (header check, weights, probe, preview calibration): %.1f s, RSS %.2f GB,"
                    + " peak %.2f GB%n", loadSeconds, ProcessMemory.gb("VmRSS"), loadPeak);
            boolean phasePeak = ProcessMemory.resetPeak(); // so that the generation's own peak shows

            // Step 3: a whole generation at 512 px through the engine: share of time inside forwards.
            long forwardsBefore = pipeline.modelNanos();
            long start = System.nanoTime();
            engine.generate(GenerationRequest.of("oversized camel trench coat, belted, cinematic fashion photo")
                    .withModel(id).withSize(512, 512).withSteps(steps).withSeed(1L), GenerationListener.NONE);
            double wall = (System.nanoTime() - start) / 1e9;
            double inside = (pipeline.modelNanos() - forwardsBefore) / 1e9;
            out.printf(Locale.ROOT, "generate 512x512, %d steps, guidance 7: %.1f s, %.1f s inside model forwards"
                    + " (share %.3f)%s%n", steps, wall, inside, inside / wall,
                    phasePeak ? String.format(Locale.ROOT, ", peak RSS %.2f GB", ProcessMemory.gb("VmHWM")) : "");
        }
        // Read before the second load below: a second mapping of the same file would count its pages again.
        double weightsGb = Files.size(checkpoint) / 1e9;
        double peakRss = Math.max(ProcessMemory.gb("VmHWM"), loadPeak);
        out.printf(Locale.ROOT, "peak RSS %.2f GB against %.2f GB of float32 weights in the file: ratio %.2f%n",
                peakRss, weightsGb, peakRss / weightsGb);

        // Step 4: straight on the networks, the peak of each phase at 512 px, then guided UNet steps (2 rows) at 256
        // and 512 px.
        try (SafeTensorsFile file = SafeTensorsFile.open(checkpoint)) {
            Sd1Config config = CheckpointInspector.inspect(file);
            DeviceChoice device = DeviceChoice.forCheckpoint();
            try (Sd1Model model = Sd1Model.load(file, config, device.device(), device.dataType())) {
                phasePeaks(model, config, out);
                if (unetSteps) {
                    for (int side : new int[] {256, 512}) {
                        unetStep(model, config, side, peak, out);
                    }
                }
            }
        }
    }

    private static void unetStep(Sd1Model model, Sd1Config config, int side, double peak, PrintStream out) {
        int latent = side / 8;
        int reps = side <= 256 ? 3 : 2;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DataType type = model.dataType();
            NDArray sample = manager.randomNormal(new Shape(2, 4, latent, latent)).toType(type, false);
            NDArray timesteps = manager.create(new float[] {500f, 500f}).toType(type, false);
            NDArray context = manager.randomNormal(new Shape(2, config.text().positions(), config.text().width()))
                    .toType(type, false);
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= reps; i++) {
                try (NDManager step = manager.newSubManager()) {
                    sample.tempAttach(step);
                    long t0 = System.nanoTime();
                    model.predictNoise(sample, timesteps, context).toFloatArray();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (i > 0) {
                        best = Math.min(best, seconds);
                    }
                }
            }
            double flops = UNetFlops.count(config.unet(), 2, latent, latent, config.text().positions());
            out.printf(Locale.ROOT, "UNet step %dx%d with guidance (2 rows): %.2f s, %.0f GFLOP, %.1f GFLOP/s,"
                    + " %.2f of the matmul peak%n", side, side, best, flops / 1e9, flops / best / 1e9,
                    flops / best / peak);
        }
    }

    /** The RSS each phase of a 512 px generation adds over the loaded weights, measured one phase at a time. */
    private static void phasePeaks(Sd1Model model, Sd1Config config, PrintStream out) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(model.device())) {
            DataType type = model.dataType();
            NDArray latents = manager.randomNormal(new Shape(2, 4, 64, 64)).toType(type, false);
            NDArray timesteps = manager.create(new float[] {500f, 500f}).toType(type, false);
            NDArray context = manager.randomNormal(new Shape(2, config.text().positions(), config.text().width()))
                    .toType(type, false);
            model.predictNoise(latents, timesteps, context).toFloatArray(); // every weight page touched once
            model.decode(latents.get("0:1")).toFloatArray();
            double base = ProcessMemory.gb("VmRSS");
            if (!ProcessMemory.resetPeak()) {
                return;
            }
            try (NDManager step = manager.newSubManager()) {
                latents.tempAttach(step);
                model.predictNoise(latents, timesteps, context).toFloatArray();
            }
            double unet = ProcessMemory.gb("VmHWM") - base;
            ProcessMemory.resetPeak();
            try (NDManager step = manager.newSubManager()) {
                latents.tempAttach(step);
                model.decode(latents.get("0:1")).toFloatArray();
            }
            double vae = ProcessMemory.gb("VmHWM") - base;
            out.printf(Locale.ROOT, "above the loaded weights (%.2f GB): guided UNet step 512 px +%.2f GB,"
                    + " VAE decode 512 px +%.2f GB%n", base, unet, vae);
        }
    }

    private static double matmulPeak() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = manager.randomNormal(new Shape(2048, 2048));
            NDArray b = manager.randomNormal(new Shape(2048, 2048));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 6; i++) {
                try (NDManager step = manager.newSubManager()) {
                    a.tempAttach(step);
                    long t0 = System.nanoTime();
                    a.matMul(b).toFloatArray();
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
            return 2.0 * 2048 * 2048 * 2048 / best;
        }
    }

    public static void main(String[] args) throws IOException {
        run(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 4, true, System.out);
    }
}
