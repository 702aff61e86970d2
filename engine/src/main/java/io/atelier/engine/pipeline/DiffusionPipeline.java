package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.EngineException;
import io.atelier.engine.GenerationCancelledException;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationResult;
import io.atelier.engine.GenerationSettings;
import io.atelier.engine.ModelFailureException;
import io.atelier.engine.image.ImagePadding;
import io.atelier.engine.image.PixelTensors;
import io.atelier.engine.image.SelectionMask;
import io.atelier.engine.model.LoraFolder;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.sampler.PredictionType;
import io.atelier.engine.text.PromptEmphasis;
import io.atelier.engine.text.TokenizedPrompt;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text to image, redraw over an image, and regenerate a selection, for one loaded model. Runs one batch at a time:
 * every image of every request in the batch goes through each UNet forward together (conditional and unconditional
 * rows side by side for classifier-free guidance), within a memory budget per forward.
 */
public final class DiffusionPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiffusionPipeline.class);

    private final LoadedModel model;
    private final ModelManifest manifest;
    private final long maxLatentPixelsPerForward;
    private final LoraFolder loraFolder;
    private final PredictionType predictionType;
    private final AtomicLong modelNanos = new AtomicLong();
    private final AtomicLong unetForwards = new AtomicLong();
    private boolean closed;

    /**
     * @param maxLatentPixelsPerForward rows x latent pixels per UNet call; a batch larger than this is split into
     *     several forwards (bounds memory, e.g. 4 x 64 x 64 for SD 1.5 at 512 px on a CPU)
     */
    public DiffusionPipeline(LoadedModel model, long maxLatentPixelsPerForward) {
        this(model, maxLatentPixelsPerForward, LoraFolder.NONE);
    }

    /** @param loraFolder where a prompt's {@code <lora:name:weight>} tags find their files */
    public DiffusionPipeline(LoadedModel model, long maxLatentPixelsPerForward, LoraFolder loraFolder) {
        this.model = model;
        this.loraFolder = loraFolder;
        this.manifest = model.manifest;
        this.maxLatentPixelsPerForward = maxLatentPixelsPerForward;
        this.predictionType = PredictionType.fromManifest(manifest.predictionType());
    }

    public ModelManifest manifest() {
        return manifest;
    }

    LoadedModel loadedModel() {
        return model;
    }

    /** Total time spent inside the sub-models' forwards since this pipeline was made (for benchmarks). */
    public long modelNanos() {
        return modelNanos.get();
    }

    /** UNet calls made so far: shows batching at work (one call per step for a whole batch). */
    public long unetForwards() {
        return unetForwards.get();
    }

    public GenerationSettings resolve(GenerationRequest request) {
        return RequestResolver.resolve(request, manifest, loraFolder);
    }

    /**
     * Runs one request on the calling thread, unbatched. Applications go through
     * {@link io.atelier.engine.DiffusionEngine#generate}, which batches concurrent requests on one worker thread.
     */
    public GenerationResult generate(GenerationRequest request, GenerationListener listener) {
        PendingGeneration pending = new PendingGeneration(request, resolve(request), listener,
                new CompletableFuture<>());
        runBatch(List.of(pending));
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof EngineException engine ? engine : e;
        }
    }

    /** Runs requests with equal {@link GenerationSettings#batchKey()} together and completes each one's future. */
    public synchronized void runBatch(List<PendingGeneration> batch) {
        if (closed) {
            ModelFailureException unloaded = new ModelFailureException(manifest.id(), "Model '" + manifest.id()
                    + "' was unloaded before this request ran; submit it again.", null);
            batch.forEach(p -> p.result().completeExceptionally(unloaded));
            return;
        }
        try (NDManager manager = NDManager.newBaseManager(model.device.device())) {
            run(manager, batch);
        } catch (EngineException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        } catch (OutOfMemoryError | RuntimeException e) {
            // libtorch errors carry long C++/TorchScript traces: one line at WARN, the whole trace at DEBUG.
            LOG.warn("Model {} failed during generation: {}", manifest.id(), LoadedModel.shortReason(e));
            LOG.debug("Model failure detail", e);
            String reason = e instanceof OutOfMemoryError
                    ? "Model '" + manifest.id() + "' ran out of memory; try a smaller size or count."
                    : "Model '" + manifest.id() + "' failed while generating.";
            ModelFailureException failure = new ModelFailureException(manifest.id(), reason, e);
            batch.forEach(p -> p.result().completeExceptionally(failure));
        }
    }

    private void run(NDManager manager, List<PendingGeneration> batch) {
        GenerationSettings key = batch.get(0).settings();
        int scale = manifest.vaeScaleFactor();
        // Init images of any size are padded up to the model's size multiple; results are cropped back.
        int workW = ImagePadding.roundUp(key.width(), manifest.effectiveSizeMultiple());
        int workH = ImagePadding.roundUp(key.height(), manifest.effectiveSizeMultiple());
        int latentH = workH / scale;
        int latentW = workW / scale;
        int latentSize = manifest.latentChannels() * latentH * latentW;

        // Step 0: the batch's adapter and LoRAs in place (slots filled, or merged tensors swapped in) until it ends.
        try (BatchAdapters.Applied adapters = model.adapters.apply(key.adapter(), key.loras())) {
            // Step 1: text conditioning and init latents, then one trajectory per image.
            List<Trajectory> active = prepare(manager, batch, latentH, latentW, latentSize);
            int start = key.startLevel();
            int steps = key.steps();
            active.forEach(t -> t.start(start));

            // Step 2: sample, one batched UNet pass per step, cancellation checked before each step.
            for (int i = start; i < steps; i++) {
                active = withoutCancelled(active);
                if (active.isEmpty()) {
                    return;
                }
                float[] output = unet(manager, active, i, key, latentH, latentW, latentSize);
                int rows = key.usesGuidance() ? 2 : 1;
                for (int t = 0; t < active.size(); t++) {
                    Trajectory trajectory = active.get(t);
                    float[] guided = guide(output, t, active.size(), rows, latentSize, key.guidance());
                    trajectory.denoised = trajectory.sampler.denoised(i, trajectory.latent, guided, predictionType);
                    trajectory.latent = trajectory.sampler.step(i, trajectory.latent, trajectory.denoised,
                            trajectory.noise);
                    trajectory.keepOutsideMask(i + 1);
                }
                notifyProgress(active, i - start + 1, steps - start, latentH, latentW);
            }
            active = withoutCancelled(active);

            // Step 3: decode, composite selections, hand each request its images.
            decodeAndComplete(manager, active, key, latentH, latentW, latentSize);
        }
    }

    private List<Trajectory> prepare(NDManager manager, List<PendingGeneration> batch, int latentH, int latentW,
                                     int latentSize) {
        boolean guided = batch.get(0).settings().usesGuidance();
        int rowsPerRequest = guided ? 2 : 1;
        TokenizedPrompt[] prompts = new TokenizedPrompt[batch.size() * rowsPerRequest];
        for (int r = 0; r < batch.size(); r++) {
            GenerationSettings s = batch.get(r).settings();
            prompts[r * rowsPerRequest] = model.tokenizer.tokenize(s.prompt());
            if (guided) {
                prompts[r * 2 + 1] = model.tokenizer.tokenize(s.negativePrompt());
            }
        }
        long[][] ids = new long[prompts.length][];
        for (int r = 0; r < prompts.length; r++) {
            ids[r] = prompts[r].ids();
        }
        float[][] hidden = timed(() -> model.textEncoder.encode(manager, ids));
        int hiddenSize = manifest.text().hiddenSize();
        for (int r = 0; r < prompts.length; r++) {
            PromptEmphasis.apply(hidden[r], 0, prompts[r].weights(), hiddenSize);
        }
        List<Trajectory> trajectories = new ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            PendingGeneration pending = batch.get(r);
            GenerationSettings s = pending.settings();
            int workW = latentW * manifest.vaeScaleFactor();
            int workH = latentH * manifest.vaeScaleFactor();
            BufferedImage paddedInit = s.redraw()
                    ? ImagePadding.padEdges(pending.request().initImage(), workW, workH) : null;
            float[] initLatent = s.redraw() ? encodeInit(manager, paddedInit, latentH, latentW) : null;
            SelectionMask mask = s.masked()
                    ? SelectionMask.of(ImagePadding.padMask(pending.request().mask(), workW, workH)) : null;
            float[] condition = hidden[r * (guided ? 2 : 1)];
            float[] unconditional = guided ? hidden[r * 2 + 1] : null;
            for (int k = 0; k < s.count(); k++) {
                trajectories.add(new Trajectory(pending, k, s.firstSeed() + k, s.sampler().create(model.schedule,
                        s.steps()), latentSize, initLatent, mask, paddedInit, manifest.vaeScaleFactor(), condition,
                        unconditional));
            }
        }
        return trajectories;
    }

    private float[] encodeInit(NDManager manager, BufferedImage image, int latentH, int latentW) {
        float[] pixels = new float[3 * image.getWidth() * image.getHeight()];
        PixelTensors.toPlanar(image, pixels, 0);
        Shape imageShape = new Shape(1, 3, image.getHeight(), image.getWidth());
        Shape latentShape = new Shape(1, manifest.latentChannels(), latentH, latentW);
        return timed(() -> model.imageEncoder.encode(manager, pixels, imageShape, latentShape));
    }

    /**
     * The UNet output for every active trajectory: rows laid out as [uncond_0..uncond_n-1, cond_0..cond_n-1] when
     * guided, split into several forwards when the batch is over the memory budget.
     */
    private float[] unet(NDManager manager, List<Trajectory> active, int i, GenerationSettings key, int latentH,
                         int latentW, int latentSize) {
        int rowsPerImage = key.usesGuidance() ? 2 : 1;
        int totalRows = active.size() * rowsPerImage;
        int contextSize = active.get(0).condition.length;
        float[] samples = new float[totalRows * latentSize];
        float[] timesteps = new float[totalRows];
        float[] context = new float[totalRows * contextSize];
        for (int t = 0; t < active.size(); t++) {
            Trajectory trajectory = active.get(t);
            float scale = trajectory.sampler.inputScale(i);
            for (int row = 0; row < rowsPerImage; row++) {
                int r = row * active.size() + t;
                for (int k = 0; k < latentSize; k++) {
                    samples[r * latentSize + k] = trajectory.latent[k] * scale;
                }
                timesteps[r] = trajectory.sampler.timestep(i);
                float[] text = rowsPerImage == 2 && row == 0 ? trajectory.unconditional : trajectory.condition;
                System.arraycopy(text, 0, context, r * contextSize, contextSize);
            }
        }
        int latentPixels = latentH * latentW;
        int rowsPerForward = (int) Math.max(1, maxLatentPixelsPerForward / latentPixels);
        float[] output = new float[samples.length];
        int hidden = manifest.text().hiddenSize();
        for (int first = 0; first < totalRows; first += rowsPerForward) {
            int rows = Math.min(rowsPerForward, totalRows - first);
            float[] chunk = slice(samples, first * latentSize, rows * latentSize);
            float[] chunkTimes = slice(timesteps, first, rows);
            float[] chunkContext = slice(context, first * contextSize, rows * contextSize);
            unetForwards.incrementAndGet();
            float[] answer = timed(() -> model.denoiser.predict(manager, chunk,
                    new Shape(rows, manifest.latentChannels(), latentH, latentW), chunkTimes, chunkContext,
                    new Shape(rows, contextSize / hidden, hidden)));
            System.arraycopy(answer, 0, output, first * latentSize, answer.length);
        }
        return output;
    }

    /** Classifier-free guidance (Ho and Salimans 2022): out = uncond + g * (cond - uncond). */
    private static float[] guide(float[] output, int t, int images, int rowsPerImage, int latentSize,
                                 double guidance) {
        if (rowsPerImage == 1) {
            return slice(output, t * latentSize, latentSize);
        }
        float[] guided = new float[latentSize];
        int uncond = t * latentSize;
        int cond = (images + t) * latentSize;
        float g = (float) guidance;
        for (int k = 0; k < latentSize; k++) {
            guided[k] = output[uncond + k] + g * (output[cond + k] - output[uncond + k]);
        }
        return guided;
    }

    private List<Trajectory> withoutCancelled(List<Trajectory> active) {
        List<Trajectory> remaining = new ArrayList<>(active.size());
        for (Trajectory trajectory : active) {
            PendingGeneration owner = trajectory.owner;
            if (owner.result().isDone()) {
                continue;
            }
            if (owner.listener().isCancelled()) {
                owner.result().completeExceptionally(new GenerationCancelledException());
                continue;
            }
            remaining.add(trajectory);
        }
        return remaining;
    }

    private void notifyProgress(List<Trajectory> active, int step, int total, int latentH, int latentW) {
        Map<PendingGeneration, Trajectory> firstOfRequest = new HashMap<>();
        active.forEach(t -> firstOfRequest.putIfAbsent(t.owner, t));
        int previewScale = Math.max(1, Math.min(manifest.vaeScaleFactor(), 128 / Math.max(latentH, latentW)));
        firstOfRequest.forEach((owner, trajectory) -> {
            float[] denoised = trajectory.denoised;
            Supplier<BufferedImage> preview = () -> model.preview.render(denoised, 0, latentH, latentW, previewScale);
            try {
                owner.listener().onStep(step, total, preview);
            } catch (RuntimeException e) {
                LOG.warn("A progress listener failed; its request is stopped", e);
                owner.result().completeExceptionally(e);
            }
        });
    }

    private void decodeAndComplete(NDManager manager, List<Trajectory> active, GenerationSettings key, int latentH,
                                   int latentW, int latentSize) {
        int width = latentW * manifest.vaeScaleFactor();
        int height = latentH * manifest.vaeScaleFactor();
        int imageSize = 3 * width * height;
        // The decoder works at full resolution: allow a quarter of the UNet's rows per call.
        int perDecode = (int) Math.max(1, maxLatentPixelsPerForward / (4L * latentH * latentW));
        Map<PendingGeneration, BufferedImage[]> images = new HashMap<>();
        for (int first = 0; first < active.size(); first += perDecode) {
            int rows = Math.min(perDecode, active.size() - first);
            float[] latents = new float[rows * latentSize];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(active.get(first + r).latent, 0, latents, r * latentSize, latentSize);
            }
            float[] pixels = timed(() -> model.imageDecoder.decode(manager, latents,
                    new Shape(rows, manifest.latentChannels(), latentH, latentW), new Shape(rows, 3, height, width)));
            for (int r = 0; r < rows; r++) {
                Trajectory trajectory = active.get(first + r);
                BufferedImage image = PixelTensors.fromPlanar(pixels, r * imageSize, width, height);
                if (trajectory.pixelMask != null) {
                    image = trajectory.pixelMask.composite(trajectory.keptPixels, image);
                }
                image = ImagePadding.crop(image, key.width(), key.height());
                images.computeIfAbsent(trajectory.owner, o -> new BufferedImage[o.settings().count()])
                        [trajectory.indexInRequest] = image;
            }
        }
        images.forEach((owner, made) -> {
            List<Long> seeds = new ArrayList<>();
            for (int k = 0; k < made.length; k++) {
                seeds.add(owner.settings().firstSeed() + k);
            }
            owner.result().complete(new GenerationResult(List.of(made), seeds, owner.settings()));
        });
    }

    private <T> T timed(Supplier<T> forward) {
        long begin = System.nanoTime();
        try {
            return forward.get();
        } finally {
            modelNanos.addAndGet(System.nanoTime() - begin);
        }
    }

    private static float[] slice(float[] values, int from, int length) {
        float[] part = new float[length];
        System.arraycopy(values, from, part, 0, length);
        return part;
    }

    /** Waits for a running batch (runBatch holds the same lock), then frees the native modules. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        model.close();
    }
}
