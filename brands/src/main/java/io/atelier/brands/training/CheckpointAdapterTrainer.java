package io.atelier.brands.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.Sha256;
import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.sampler.NoiseSchedule;
import io.atelier.engine.sd.CheckpointSources;
import io.atelier.engine.sd.Sd1Layout;
import io.atelier.engine.sd.Sd1Model;
import io.atelier.micro.train.LatentCache;
import io.atelier.micro.train.LossLog;
import io.atelier.micro.train.TrainMicro;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Trains a brand adapter on an SD-1.x checkpoint: a kohya LoRA on the UNet's attention projections, learnt with DJL
 * autograd through the engine's own forward, every checkpoint tensor only read. The job is atelier-micro's
 * ({@link AdapterTrainer}): the same work folder ({@code latents.bin}, {@code checkpoint/} written atomically every
 * {@link AdapterTrainingOptions#checkpointEvery()} steps, {@code loss.csv}, {@code loss.png}), the same draws of rows,
 * timesteps and noise from the seed and the step number ({@link StepRows}), so a run resumed after a crash computes
 * exactly what an uninterrupted one would; the same prior preservation (plain flats, teacher or data target, empty
 * captions). Captions are kohya tags ({@link CaptionTags}: trigger and category first and always kept, optional
 * attributes after them), drawn anew for every row from the step's random: each optional tag dropped with
 * {@link AdapterTrainingOptions#captionDropout()}, a house row's whole caption emptied with
 * {@link AdapterTrainingOptions#emptyCaptionRate()}; each variant goes through the frozen CLIP encoder when first
 * drawn ({@link CaptionContexts}). Only the UNet learns: the text encoder has no LoRA.
 *
 * <p>The file it exports has kohya names ({@code lora_unet_<diffusers module>.lora_down.weight}, {@code .lora_up.weight},
 * {@code .alpha} = rank), which the engine's LoRA path, A1111 and ComfyUI load.
 */
public final class CheckpointAdapterTrainer {
    static final String STAGE = AdapterTrainer.STAGE;
    private static final int WARMUP_STEPS = 20;
    /** Seeds the LoRA's starting {@code lora_down} apart from the data draws. */
    private static final long INIT_SEED_SALT = 0x5D15_10AAL;

    private final CheckpointFile checkpoint;
    private final boolean projections;

    /** Trains the attention projections only (kohya's default for SD-1.x). */
    public CheckpointAdapterTrainer(CheckpointFile checkpoint) {
        this(checkpoint, false);
    }

    /** @param projections also the 1x1-conv {@code proj_in}/{@code proj_out} of each spatial transformer */
    public CheckpointAdapterTrainer(CheckpointFile checkpoint, boolean projections) {
        this.checkpoint = checkpoint;
        this.projections = projections;
    }

    /**
     * Trains (or resumes) in {@code workDir}.
     *
     * @throws TrainingCancelledException the listener asked to stop (the last checkpoint stays for a later resume)
     * @throws IllegalArgumentException no examples, a rank below 1, a resolution the UNet cannot take
     */
    public TrainedAdapter train(Path workDir, List<TrainingExample> examples, AdapterTrainingOptions options,
                                TrainingListener listener) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (options.rank() < 1) {
            throw new IllegalArgumentException("rank must be at least 1");
        }
        long began = System.nanoTime();
        ModelManifest manifest = checkpoint.manifest();
        int size = options.resolution() > 0 ? options.resolution() : manifest.nativeWidth();
        int multiple = checkpoint.config().vae().scaleFactor() * checkpoint.config().unet().downsampling();
        if (size % multiple != 0) {
            throw new IllegalArgumentException("resolution must be a multiple of " + multiple);
        }
        var s = manifest.scheduler();
        NoiseSchedule schedule = NoiseSchedule.of(s.betaSchedule(), s.trainTimesteps(), s.betaStart(), s.betaEnd());
        float scale = (float) manifest.latentScalingFactor();
        Path checkpointDir = workDir.resolve("checkpoint");
        LossLog lossLog = new LossLog(workDir.resolve("loss.csv"));
        try (TensorSource file = CheckpointSources.open(checkpoint.file());
             Sd1Model model = Sd1Model.load(file, checkpoint.config(), Device.cpu(), DataType.FLOAT32);
             CheckpointLoraWeights lora = CheckpointLoraWeights.create(model, options.rank(),
                     options.seed() ^ INIT_SEED_SALT, projections);
             NDManager state = NDManager.newBaseManager(model.device())) {
            Files.createDirectories(workDir);
            String baseBefore = baseDigest(model);
            // Step 1: examples encoded once (or read back on resume); captions through the frozen text encoder as drawn.
            CheckpointExamples prepared = CheckpointExamples.prepare(model, workDir, examples, options, size);
            LatentCache cache = prepared.cache();
            CaptionContexts captions = new CaptionContexts(model);
            // Step 2: the LoRA and its optimiser, restored from the last checkpoint if there is one.
            CheckpointLoraStep trainer = new CheckpointLoraStep(model, lora, schedule, state, options.learningRate(),
                    WARMUP_STEPS);
            AdapterResume.resume(checkpointDir, workDir, state, lossLog, STAGE, trainer::restore);
            // Step 3: the loop.
            int per = cache.perLatent();
            int brandCount = examples.size();
            int regularisation = cache.count() - brandCount;
            int b = options.batch();
            long[] contextDims = captions.shape();
            int perContext = (int) (contextDims[0] * contextDims[1]);
            Shape latentShape = new Shape(b, LatentCache.LATENT_CHANNELS, cache.latentSize(), cache.latentSize());
            Shape contextShape = new Shape(b, contextDims[0], contextDims[1]);
            StepLoop loop = new StepLoop(options, STAGE, checkpointDir, lossLog, listener, began);
            double finalLoss = loop.run(trainer.stepCount(), trainer::learningRate, trainer::state, random -> {
                StepDraw draw = drawStep(random, b, brandCount, regularisation, options, schedule.trainTimesteps(),
                        prepared::tags);
                StepRows.Batch batch = StepRows.gather(draw.rows(), cache, scale);
                float[] contexts = new float[b * perContext];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(captions.of(draw.captions()[i]), 0, contexts, i * perContext, perContext);
                }
                return trainer.step(batch.latents(), latentShape, contexts, contextShape, batch.timesteps(),
                        TrainMicro.gaussian(random, b * per), batch.teacher(), options.preservation().weight());
            });
            LossCurve.plot(workDir.resolve("loss.csv"), workDir.resolve("loss.png"));
            // Step 4: the checkpoint's tensors must be as they were; the adapter under kohya names.
            String baseAfter = baseDigest(model);
            if (!baseAfter.equals(baseBefore)) {
                throw new IllegalStateException("adapter training changed a base parameter");
            }
            return new TrainedAdapter(lora.export(), options.steps(), options.rank(), options.rank(),
                    checkpointSha256(), finalLoss,
                    (System.nanoTime() - began) / 1e9, baseAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of one training step and the caption each row learns under ("" for an empty one). */
    record StepDraw(StepRows.Row[] rows, String[] captions) {
    }

    /**
     * Draws a step's rows ({@link StepRows}) and each row's caption from the step's random: a plain row left
     * unconditional gets the empty caption, every other row a drawing of its tags ({@link CaptionTags#draw}), a
     * house row with {@link AdapterTrainingOptions#emptyCaptionRate()} and sometimes bare
     * ({@link AdapterTrainingOptions#captionDropoutFor}), a plain one without (it has its own share).
     */
    static StepDraw drawStep(SplittableRandom random, int batch, int brandCount, int regularisation,
                             AdapterTrainingOptions options, int trainTimesteps, IntFunction<CaptionTags> tags) {
        String[] captions = new String[batch];
        StepRows.Row[] rows = StepRows.draw(random, batch, brandCount, regularisation, options.preservation(),
                trainTimesteps, (i, index, r) -> captions[i] = tags.apply(index).draw(r,
                        options.captionDropoutFor(index < brandCount, r),
                        index < brandCount ? options.emptyCaptionRate() : 0));
        for (int i = 0; i < batch; i++) {
            if (rows[i].unconditional()) {
                captions[i] = "";
            }
        }
        return new StepDraw(rows, captions);
    }

    /** The hash adapters record as their base: the checkpoint file's SHA-256 (a diffusers folder: its revision). */
    public String checkpointSha256() throws IOException {
        Path file = checkpoint.file();
        return Files.isRegularFile(file) ? Sha256.of(file) : "revision:" + checkpoint.revision();
    }

    /** SHA-256 over every UNet tensor's name and bytes, in name order. */
    static String baseDigest(Sd1Model model) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Sd1Layout.expectedShapes(model.config()).keySet().stream().filter(n -> n.startsWith(Sd1Layout.UNET))
                    .sorted().forEach(name -> {
                        digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        digest.update(model.parameter(name).toByteArray());
                    });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
