package io.atelier.brands.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.atelier.brands.safetensors.Tensor;
import io.atelier.engine.lora.KohyaKeys;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.Sha256;
import io.atelier.engine.sampler.NoiseSchedule;
import io.atelier.engine.text.PackageTokenizer;
import io.atelier.micro.train.CaptionDropout;
import io.atelier.micro.train.CaptionedImage;
import io.atelier.micro.train.DiffusionTrainer;
import io.atelier.micro.train.FlatsImageSource;
import io.atelier.micro.train.LatentCache;
import io.atelier.micro.train.LossLog;
import io.atelier.micro.train.TrainMicro;
import io.atelier.micro.train.TrainableModule;
import io.atelier.taxonomy.Taxonomy;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a LoRA adapter on a model whose UNet has LoRA slots (atelier-micro), in Java with DJL autograd: only the
 * slots' {@code lora_down}/{@code lora_up} learn, every base parameter stays bit-identical.
 *
 * <p>Work folder layout (so a crash or restart resumes where the last checkpoint left it): {@code latents.bin} (the
 * examples encoded once by the VAE encoder, plus the regularisation flats), {@code checkpoint/} (written every
 * {@link AdapterTrainingOptions#checkpointEvery()} steps, atomically), {@code loss.csv} and {@code loss.png}. Data
 * order, timesteps and noise are functions of the seed and the step, so a resumed run computes exactly what an
 * uninterrupted one would.
 */
public final class AdapterTrainer {
    static final String STAGE = "adapter";
    private static final int WARMUP_STEPS = 20;
    private static final int ENCODE_BATCH = 8;
    static final long REGULARISATION_SEED_BASE = 7_000_000_000L;
    /**
     * Share of the plain rows whose caption is emptied to [PAD]. Sampling steers away from the unconditional
     * prediction (guidance 3 gives 3·cond − 2·uncond) and the LoRA slots change it too, yet no caption of the dataset
     * is empty: without these rows nothing holds the unconditional answer where the base had it. (Added alone to a
     * run with the teacher target at weight 1, they did not change the demo's forgetting; they are kept because
     * every prompt's guided output depends on that answer.)
     */
    static final double UNCONDITIONAL_SHARE = 0.2;

    private final ModelPackage model;

    public AdapterTrainer(ModelPackage model) {
        this.model = model;
    }

    /**
     * Trains (or resumes) in {@code workDir}.
     *
     * @throws TrainingCancelledException the listener asked to stop (the last checkpoint stays for a later resume)
     * @throws IllegalArgumentException no examples, or a rank above the model's slot rank
     */
    public TrainedAdapter train(Path workDir, List<TrainingExample> examples, AdapterTrainingOptions options,
                                TrainingListener listener) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        long began = System.nanoTime();
        // libtorch's profiling executor swaps in fused graphs after the first runs, whose float rounding differs:
        // off on this thread, so a resumed run (fresh module) computes exactly what an uninterrupted one does.
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(false);
        ModelManifest manifest = model.manifest();
        int imageSize = manifest.nativeWidth();
        int length = manifest.text().maxLength();
        float scale = (float) manifest.latentScalingFactor();
        NoiseSchedule schedule = manifest.scheduler().noiseSchedule();
        Path checkpointDir = workDir.resolve("checkpoint");
        LossLog lossLog = new LossLog(workDir.resolve("loss.csv"));
        try {
            Files.createDirectories(workDir);
            // Step 1: examples and regularisation flats, encoded once (or read back on resume).
            LatentCache cache = latents(workDir, examples, options, imageSize, length);
            try (TrainableModule unet = TrainableModule.load(model.component(ModelManifest.UNET));
                 TrainableModule text = TrainableModule.load(model.component(ModelManifest.TEXT_ENCODER));
                 PackageTokenizer tokenizer = PackageTokenizer.of(model)) {
                // Captions lose optional attributes as in the base model's training, so the adapter also keeps the
                // base's reading of partial prompts ("jupe rose") instead of drifting on them.
                CaptionDropout captionDropout = new CaptionDropout(tokenizer, Taxonomy.standard(),
                        options.captionDropout());
                int slotRank = slotRank(unet);
                if (options.rank() < 1 || options.rank() > slotRank) {
                    throw new IllegalArgumentException("rank must be between 1 and " + slotRank);
                }
                // Step 2: LoRA-only trainer; a lower rank zeroes the spare rows of lora_down (with lora_up at zero
                // their gradients stay zero, so they never move).
                DiffusionTrainer trainer = new DiffusionTrainer(unet, text, schedule, options.learningRate(),
                        WARMUP_STEPS, 0.99f, DiffusionTrainer.LORA_PARAMETERS, false);
                limitRank(unet, options.rank(), slotRank);
                String baseBefore = baseDigest(unet);
                AdapterResume.resume(checkpointDir, workDir, unet.manager(), lossLog, STAGE, trainer::restore);
                // Step 3: the loop.
                int per = cache.perLatent();
                int brandCount = examples.size();
                int regularisation = cache.count() - brandCount;
                int b = options.batch();
                Shape shape = new Shape(b, manifest.latentChannels(), cache.latentSize(), cache.latentSize());
                StepLoop loop = new StepLoop(options, STAGE, checkpointDir, lossLog, listener, began);
                double finalLoss = loop.run(trainer.stepCount(), trainer::learningRate, trainer::state, random -> {
                    long[] ids = new long[b * length];
                    StepRows.Row[] rows = StepRows.draw(random, b, brandCount, regularisation,
                            options.preservation(), schedule.trainTimesteps(), (i, index, r) -> {
                                System.arraycopy(cache.inputIds(), index * length, ids, i * length, length);
                                captionDropout.apply(ids, i * length, length, r,
                                        options.captionDropoutFor(index < brandCount, r));
                            });
                    for (int i = 0; i < b; i++) {
                        if (rows[i].unconditional()) {
                            Arrays.fill(ids, i * length, (i + 1) * length, tokenizer.padTokenId());
                        }
                    }
                    StepRows.Batch batch = StepRows.gather(rows, cache, scale);
                    return trainer.step(batch.latents(), ids, batch.timesteps(), TrainMicro.gaussian(random, b * per),
                            shape, batch.teacher(), options.preservation().weight());
                });
                LossCurve.plot(workDir.resolve("loss.csv"), workDir.resolve("loss.png"));
                // Step 4: the adapter's tensors under kohya names, cut to its rank.
                List<Tensor> tensors = export(unet, options.rank());
                String unetSha = manifest.components().get(ModelManifest.UNET).sha256();
                if (unetSha == null || unetSha.isBlank()) {
                    unetSha = Sha256.of(model.component(ModelManifest.UNET));
                }
                String baseAfter = baseDigest(unet);
                if (!baseAfter.equals(baseBefore)) {
                    throw new IllegalStateException("adapter training changed a base parameter");
                }
                return new TrainedAdapter(tensors, options.steps(), options.rank(), options.rank(), unetSha,
                        finalLoss, (System.nanoTime() - began) / 1e9,
                        baseAfter);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LatentCache latents(Path workDir, List<TrainingExample> examples, AdapterTrainingOptions options,
                                int imageSize, int length) throws IOException {
        Path file = workDir.resolve("latents.bin");
        if (Files.exists(file)) {
            return LatentCache.load(file);
        }
        int regularisation = options.preservation().share() > 0 ? options.preservation().images() : 0;
        var flats = FlatsImageSource.standard();
        try (TrainableModule encoder = TrainableModule.load(model.component(ModelManifest.VAE_ENCODER));
             PackageTokenizer tokenizer = PackageTokenizer.of(model)) {
            LatentCache cache = LatentCache.build(seed -> {
                int index = (int) seed;
                if (index < examples.size()) {
                    TrainingExample example = examples.get(index);
                    return new CaptionedImage(fit(example.image(), imageSize), example.prompt());
                }
                return flats.sample(REGULARISATION_SEED_BASE + options.seed() * 10_000 + index);
            }, 0, examples.size() + regularisation, encoder, tokenizer, imageSize, ENCODE_BATCH, done -> { });
            Path tmp = workDir.resolve("latents.bin.tmp");
            cache.save(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return cache;
        }
    }

    /** Scales an image to the model's square size on white (flats are drawn on white). */
    static BufferedImage fit(BufferedImage image, int size) {
        if (image.getWidth() == size && image.getHeight() == size && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, size, size);
        double f = Math.min((double) size / image.getWidth(), (double) size / image.getHeight());
        int w = (int) Math.round(image.getWidth() * f);
        int h = (int) Math.round(image.getHeight() * f);
        g.drawImage(image, (size - w) / 2, (size - h) / 2, w, h, null);
        g.dispose();
        return out;
    }

    private static int slotRank(TrainableModule unet) {
        return unet.parameters().entrySet().stream().filter(e -> e.getKey().endsWith(".lora_down.weight"))
                .findFirst().map(e -> (int) e.getValue().getShape().get(0))
                .orElseThrow(() -> new IllegalArgumentException("this model's UNet has no LoRA slots"));
    }

    private static void limitRank(TrainableModule unet, int rank, int slotRank) {
        if (rank == slotRank) {
            return;
        }
        unet.parameters().forEach((name, array) -> {
            if (name.endsWith(".lora_down.weight")) {
                float[] values = array.toFloatArray();
                int in = (int) array.getShape().get(1);
                Arrays.fill(values, rank * in, values.length, 0f);
                array.set(java.nio.FloatBuffer.wrap(values));
            }
        });
    }

    private static List<Tensor> export(TrainableModule unet, int rank) {
        List<Tensor> tensors = new ArrayList<>();
        unet.parameters().forEach((name, array) -> {
            if (!name.endsWith(".lora_down.weight")) {
                return;
            }
            String module = name.substring(0, name.length() - ".lora_down.weight".length());
            NDArray up = unet.parameters().get(module + ".lora_up.weight");
            KohyaKeys keys = KohyaKeys.forUnetModule(module);
            int in = (int) array.getShape().get(1);
            int out = (int) up.getShape().get(0);
            int slotRank = (int) array.getShape().get(0);
            float[] down = Arrays.copyOf(array.toFloatArray(), rank * in);
            float[] upAll = up.toFloatArray();
            float[] upCut = new float[out * rank];
            for (int o = 0; o < out; o++) {
                System.arraycopy(upAll, o * slotRank, upCut, o * rank, rank);
            }
            tensors.add(Tensor.ofFloats(keys.down(), new long[] {rank, in}, down));
            tensors.add(Tensor.ofFloats(keys.up(), new long[] {out, rank}, upCut));
            tensors.add(Tensor.ofFloats(keys.alpha(), new long[] {}, new float[] {rank}));
        });
        return tensors;
    }

    /** SHA-256 over the base parameters' bytes in state_dict order. */
    static String baseDigest(TrainableModule unet) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            unet.parameters().forEach((name, array) -> {
                if (!name.contains(".lora_")) {
                    digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update(array.toByteArray());
                }
            });
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
