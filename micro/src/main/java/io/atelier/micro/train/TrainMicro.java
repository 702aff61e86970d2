package io.atelier.micro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.text.PackageTokenizer;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.micro.model.ModelManifest;
import io.atelier.taxonomy.Taxonomy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Trains atelier-micro end to end from the untrained TorchScript components, resuming from the
 * latest checkpoint in {@code --out}: stage "vae" (autoencoder), stage "cache" (encode the training
 * latents, measure latentScalingFactor), stage "unet" (UNet + text encoder), then "done".
 * Packages are exported after the autoencoder and every {@code --export-minutes} of stage 2.
 */
public final class TrainMicro {

    static final List<String> STAGES = List.of("vae", "cache", "unet", "done");
    private static final long VAE_SEED_BASE = 1_000_000_000L;

    private final TrainingOptions options;
    private final CaptionedImageSource source;
    private final long startNanos = System.nanoTime();
    private final LossLog lossLog;
    private double elapsedBefore;

    public TrainMicro(TrainingOptions options, CaptionedImageSource source) {
        this.options = options;
        this.source = source;
        this.lossLog = new LossLog(options.out().resolve("loss.csv"));
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "2"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        TrainingOptions options = TrainingOptions.parse(args);
        new TrainMicro(options, FlatsImageSource.standard()).run();
    }

    /** Runs (or resumes) until done or until this invocation's time budget is spent. Returns the stage reached. */
    public String run() {
        Path ckpt = options.out().resolve("checkpoint");
        Checkpoint.Progress progress = Checkpoint.readProgress(ckpt)
                .orElse(new Checkpoint.Progress("vae", 0, 0, Map.of()));
        elapsedBefore = progress.elapsedSeconds();
        lossLog.truncateAfter(progress.stage(), progress.step(), STAGES);
        log("resuming at stage %s step %d (%.1f min already trained)", progress.stage(), progress.step(), elapsedBefore / 60);
        if (progress.stage().equals("vae")) {
            progress = trainVae(ckpt, progress);
        }
        if (progress.stage().equals("cache") && !outOfTime()) {
            progress = buildCache(ckpt);
        }
        if (progress.stage().equals("done") && progress.step() < options.unetSteps()) {
            // A finished run asked for more UNet steps (a recipe extended after the fact) goes on from its last step.
            log("extending the finished run from unet step %d to %d", progress.step(), options.unetSteps());
            progress = new Checkpoint.Progress("unet", progress.step(), progress.elapsedSeconds(), progress.scalars());
        }
        if (progress.stage().equals("unet") && !outOfTime()) {
            progress = trainUnet(ckpt, progress);
        }
        lossLog.plot(options.out().resolve("loss.png"), 50);
        return progress.stage();
    }

    // Step 1: the autoencoder, on random 8-aligned crops (a conv net is translation-equivariant, so
    // crops teach the full-size decoder at a quarter of the cost), a share of them hue-rotated so the
    // latent space covers colours the taxonomy does not name (brand colours).
    private Checkpoint.Progress trainVae(Path ckpt, Checkpoint.Progress progress) {
        try (TrainableModule encoder = TrainableModule.load(options.init().resolve(AtelierMicroModel.VAE_ENCODER));
             TrainableModule decoder = TrainableModule.load(options.init().resolve(AtelierMicroModel.VAE_DECODER))) {
            VaeTrainer vae = new VaeTrainer(encoder, decoder, options.vaeLearningRate(), options.warmupSteps(),
                    options.vaeColourWeight());
            if (progress.step() > 0) {
                try (NDManager loadScope = encoder.manager().newSubManager()) {
                    vae.restore(Checkpoint.readArrays(ckpt, loadScope), progress.step());
                }
            }
            int b = options.vaeBatch();
            int crop = options.vaeCrop();
            int per = 3 * crop * crop;
            double lastCheckpoint = seconds();
            float running = 0;
            long windowStart = System.nanoTime();
            for (int step = vae.stepCount(); step < options.vaeSteps(); step++) {
                float[] pixels = new float[b * per];
                for (int i = 0; i < b; i++) {
                    long seed = VAE_SEED_BASE + (long) step * b + i;
                    Random random = new Random(seed);
                    int slots = (AtelierMicroModel.IMAGE_SIZE - crop) / 8 + 1;
                    ImageTensors.writeChw(source.sample(seed).image(), 8 * random.nextInt(slots),
                            8 * random.nextInt(slots), crop, pixels, i * per);
                    if (random.nextDouble() < options.vaeHueShare()) {
                        HueRotation.apply(pixels, i * per, crop, 2 * Math.PI * random.nextDouble());
                    }
                }
                float[] noise = gaussian(new SplittableRandom(VAE_SEED_BASE ^ step), b * 4 * (crop / 8) * (crop / 8));
                float loss = vae.step(pixels, b, crop, noise);
                lossLog.append("vae", step + 1, loss, vae.learningRate(), seconds());
                running += loss;
                if ((step + 1) % 25 == 0) {
                    log("vae step %d/%d loss %.4f  %.0f ms/step", step + 1, options.vaeSteps(), running / 25,
                            (System.nanoTime() - windowStart) / 1e6 / 25);
                    running = 0;
                    windowStart = System.nanoTime();
                }
                boolean last = step + 1 == options.vaeSteps();
                if (!last && (outOfTime() || seconds() - lastCheckpoint > options.checkpointMinutes() * 60)) {
                    Checkpoint.save(ckpt, new Checkpoint.Progress("vae", step + 1, seconds(), Map.of()), vae.state());
                    lastCheckpoint = seconds();
                    if (outOfTime()) {
                        log("time budget spent; checkpoint saved at vae step %d", step + 1);
                        return new Checkpoint.Progress("vae", step + 1, seconds(), Map.of());
                    }
                }
            }
            encoder.writeTo(options.out().resolve("vae").resolve(AtelierMicroModel.VAE_ENCODER));
            decoder.writeTo(options.out().resolve("vae").resolve(AtelierMicroModel.VAE_DECODER));
            Checkpoint.Progress done = new Checkpoint.Progress("cache", 0, seconds(), Map.of());
            Checkpoint.save(ckpt, done, Map.of());
            return done;
        }
    }

    // Step 2: encode the training set once with the frozen encoder; 1 / std of the latents becomes the
    // package's latentScalingFactor, so the diffusion model works on ~unit-variance latents.
    private Checkpoint.Progress buildCache(Path ckpt) {
        Path vaeDir = options.out().resolve("vae");
        try (TrainableModule encoder = TrainableModule.load(vaeDir.resolve(AtelierMicroModel.VAE_ENCODER));
             PackageTokenizer tokenizer = AtelierMicroModel.tokenizer(options.tokenizer())) {
            long t0 = System.nanoTime();
            LatentCache cache = LatentCache.build(source, 0, options.cacheSize(), encoder, tokenizer,
                    AtelierMicroModel.IMAGE_SIZE, 32, n -> {
                        if (n % 2048 == 0) {
                            log("encoded %d/%d", n, options.cacheSize());
                        }
                    });
            cache.save(options.out().resolve("latents.bin"));
            double scale = 1.0 / cache.latentStd();
            log("latent cache of %d built in %.0f s; latent std %.4f -> latentScalingFactor %.5f",
                    cache.count(), (System.nanoTime() - t0) / 1e9, cache.latentStd(), scale);
            Checkpoint.Progress next = new Checkpoint.Progress("unet", 0, seconds(), Map.of("latentScalingFactor", scale));
            Checkpoint.save(ckpt, next, Map.of());
            exportPackage(null, (float) scale);
            return next;
        }
    }

    // Step 3: UNet + text encoder, epsilon prediction on cached latents, 10% of captions dropped to [PAD].
    private Checkpoint.Progress trainUnet(Path ckpt, Checkpoint.Progress progress) {
        float scale = progress.scalars().get("latentScalingFactor").floatValue();
        LatentCache cache = LatentCache.load(options.out().resolve("latents.bin"));
        try (TrainableModule unet = TrainableModule.load(options.init().resolve(AtelierMicroModel.UNET));
             TrainableModule text = TrainableModule.load(options.init().resolve(AtelierMicroModel.TEXT_ENCODER));
             PackageTokenizer tokenizer = AtelierMicroModel.tokenizer(options.tokenizer())) {
            CaptionDropout attributeDropout = new CaptionDropout(tokenizer, Taxonomy.standard(), options.attributeDropout());
            DiffusionTrainer trainer = new DiffusionTrainer(unet, text, options.schedule(), options.unetLearningRate(),
                    options.warmupSteps(), options.emaDecay());
            if (progress.step() > 0) {
                try (NDManager loadScope = unet.manager().newSubManager()) {
                    trainer.restore(Checkpoint.readArrays(ckpt, loadScope), progress.step());
                }
            }
            int b = options.unetBatch();
            int per = cache.perLatent();
            int length = cache.textLength();
            Shape shape = new Shape(b, 4, cache.latentSize(), cache.latentSize());
            double lastCheckpoint = seconds();
            double lastExport = seconds();
            float running = 0;
            long windowStart = System.nanoTime();
            for (int step = trainer.stepCount(); step < options.unetSteps(); step++) {
                SplittableRandom random = new SplittableRandom(0x5EEDL * 31 + step);
                float[] latents = new float[b * per];
                long[] ids = new long[b * length];
                int[] timesteps = new int[b];
                for (int i = 0; i < b; i++) {
                    int index = random.nextInt(cache.count());
                    for (int j = 0; j < per; j++) {
                        latents[i * per + j] = cache.latents()[index * per + j] * scale;
                    }
                    if (random.nextDouble() >= options.conditionDropout()) {
                        System.arraycopy(cache.inputIds(), index * length, ids, i * length, length);
                        if (step >= options.attributeDropoutFrom()) {
                            attributeDropout.apply(ids, i * length, length, random);
                        }
                    }
                    timesteps[i] = random.nextInt(options.trainTimesteps());
                }
                float loss = trainer.step(latents, ids, timesteps, gaussian(random, b * per), shape);
                lossLog.append("unet", step + 1, loss, trainer.learningRate(), seconds());
                running += loss;
                if ((step + 1) % 25 == 0) {
                    log("unet step %d/%d loss %.4f  %.0f ms/step", step + 1, options.unetSteps(), running / 25,
                            (System.nanoTime() - windowStart) / 1e6 / 25);
                    running = 0;
                    windowStart = System.nanoTime();
                }
                boolean last = step + 1 == options.unetSteps();
                Map<String, Double> scalars = Map.of("latentScalingFactor", (double) scale);
                if (last || outOfTime() || seconds() - lastCheckpoint > options.checkpointMinutes() * 60) {
                    String stage = last ? "done" : "unet";
                    Checkpoint.save(ckpt, new Checkpoint.Progress(stage, step + 1, seconds(), scalars), trainer.state());
                    lastCheckpoint = seconds();
                }
                if (last || outOfTime() || seconds() - lastExport > options.exportMinutes() * 60) {
                    exportPackage(trainer, scale);
                    lastExport = seconds();
                    if (!last && outOfTime()) {
                        log("time budget spent; checkpoint saved at unet step %d", step + 1);
                        return new Checkpoint.Progress("unet", step + 1, seconds(), scalars);
                    }
                }
            }
            return new Checkpoint.Progress("done", options.unetSteps(), seconds(), Map.of());
        }
    }

    /** Exports the package (EMA weights when stage 2 has begun), then draws the loss curve and a contact sheet. */
    private void exportPackage(DiffusionTrainer trainerOrNull, float scale) {
        Path vaeDir = options.out().resolve("vae");
        try (TrainableModule encoder = TrainableModule.load(vaeDir.resolve(AtelierMicroModel.VAE_ENCODER));
             TrainableModule decoder = TrainableModule.load(vaeDir.resolve(AtelierMicroModel.VAE_DECODER));
             TrainableModule initUnet = trainerOrNull == null ? TrainableModule.load(options.init().resolve(AtelierMicroModel.UNET)) : null;
             TrainableModule initText = trainerOrNull == null ? TrainableModule.load(options.init().resolve(AtelierMicroModel.TEXT_ENCODER)) : null) {
            ModelManifest.Settings settings = new ModelManifest.Settings("epsilon", options.betaSchedule(),
                    options.betaStart(), options.betaEnd(), options.trainTimesteps(), options.defaultSteps(),
                    options.defaultGuidance(), scale);
            PackageExporter.Component unetPart = trainerOrNull == null
                    ? new PackageExporter.Component(AtelierMicroModel.UNET, initUnet, null)
                    : new PackageExporter.Component(AtelierMicroModel.UNET, trainerOrNull.unetModule(), trainerOrNull.unetEma().shadows());
            PackageExporter.Component textPart = trainerOrNull == null
                    ? new PackageExporter.Component(AtelierMicroModel.TEXT_ENCODER, initText, null)
                    : new PackageExporter.Component(AtelierMicroModel.TEXT_ENCODER, trainerOrNull.textModule(), trainerOrNull.textEma().shadows());
            PackageExporter.export(options.packageDir(), options.tokenizer(), settings, textPart, unetPart,
                    new PackageExporter.Component(AtelierMicroModel.VAE_DECODER, decoder, null),
                    new PackageExporter.Component(AtelierMicroModel.VAE_ENCODER, encoder, null));
        }
        log("exported package to %s", options.packageDir());
        lossLog.plot(options.out().resolve("loss.png"), 50);
        if (trainerOrNull != null) {
            SampleSheet.render(options.packageDir(), options.out().resolve("samples.png"),
                    SampleSheet.PROMPTS.subList(0, Math.min(options.sheetPrompts(), SampleSheet.PROMPTS.size())),
                    options.defaultSteps(), options.defaultGuidance());
            log("contact sheet written to %s", options.out().resolve("samples.png"));
        }
    }

    private boolean outOfTime() {
        return (System.nanoTime() - startNanos) / 60e9 >= options.minutes();
    }

    private double seconds() {
        return elapsedBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** {@code n} standard normal samples drawn from {@code random} (deterministic per seed; brand adapters use it too). */
    public static float[] gaussian(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i += 2) {
            // Box-Muller: two normals from two uniforms.
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            out[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) {
                out[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return out;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[train-micro %tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static boolean isPackageComplete(Path dir) {
        return AtelierMicroModel.FILES.stream().allMatch(f -> Files.exists(dir.resolve(f)));
    }
}
