package io.atelier.brands.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.image.PixelTensors;
import io.atelier.engine.sd.Sd1Model;
import io.atelier.engine.text.ClipTokenizer;
import io.atelier.micro.train.CaptionedImage;
import io.atelier.micro.train.CaptionedImageSource;
import io.atelier.micro.train.FlatsImageSource;
import io.atelier.micro.train.LatentCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The examples of an SD-1.x adapter training as the UNet sees them: each image encoded once by the checkpoint's VAE
 * (the latent mean, kept in {@code latents.bin} of the work folder so that a resumed run does not encode again) and
 * each caption once by its frozen CLIP text encoder (recomputed at every start: same weights, same states). The
 * house's examples come first, then the plain flats of prior preservation, as in atelier-micro's trainer.
 */
final class CheckpointExamples {
    private static final int ENCODE_BATCH = 4;
    private static final int TEXT_BATCH = 16;

    private final LatentCache cache;
    private final float[][] contexts;
    private final float[] emptyContext;
    private final long[] contextShape;

    private CheckpointExamples(LatentCache cache, float[][] contexts, float[] emptyContext, long[] contextShape) {
        this.cache = cache;
        this.contexts = contexts;
        this.emptyContext = emptyContext;
        this.contextShape = contextShape;
    }

    static CheckpointExamples prepare(Sd1Model model, Path workDir, List<TrainingExample> examples,
                                      AdapterTrainingOptions options, int size) throws IOException {
        Path file = workDir.resolve("latents.bin");
        LatentCache cache;
        if (Files.exists(file)) {
            cache = LatentCache.load(file);
        } else {
            cache = encode(model, examples, options, size);
            cache.save(file);
        }
        if (cache.latentSize() * 8 != size) {
            throw new IllegalStateException("the work folder's latents are for " + cache.latentSize() * 8 + " px");
        }
        // Step 2: every caption through the frozen text encoder, and the empty caption of the unconditional rows.
        int length = cache.textLength();
        float[][] contexts = new float[cache.count()][];
        for (int start = 0; start < cache.count(); start += TEXT_BATCH) {
            int n = Math.min(TEXT_BATCH, cache.count() - start);
            long[] ids = new long[n * length];
            System.arraycopy(cache.inputIds(), start * length, ids, 0, ids.length);
            float[][] states = encodeText(model, ids, n, length);
            System.arraycopy(states, 0, contexts, start, n);
        }
        float[] empty = encodeText(model, ClipTokenizer.standard().contextIds(""), 1, length)[0];
        return new CheckpointExamples(cache, contexts, empty, new long[] {length, empty.length / length});
    }

    private static float[][] encodeText(Sd1Model model, long[] ids, int n, int length) {
        try (NDManager scratch = NDManager.newBaseManager(model.device())) {
            NDArray states = model.encodeText(scratch.create(ids, new Shape(n, length)));
            float[] all = states.toFloatArray();
            int per = all.length / n;
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
            }
            return rows;
        }
    }

    private static LatentCache encode(Sd1Model model, List<TrainingExample> examples, AdapterTrainingOptions options,
                                      int size) {
        int regularisation = options.preservation().share() > 0 ? options.preservation().images() : 0;
        int count = examples.size() + regularisation;
        CaptionedImageSource flats = FlatsImageSource.standard();
        int latentSize = size / 8;
        int perLatent = LatentCache.LATENT_CHANNELS * latentSize * latentSize;
        int length = ClipTokenizer.CONTEXT_LENGTH;
        float[] latents = new float[count * perLatent];
        long[] ids = new long[count * length];
        String[] captions = new String[count];
        int perImage = 3 * size * size;
        for (int start = 0; start < count; start += ENCODE_BATCH) {
            int n = Math.min(ENCODE_BATCH, count - start);
            float[] pixels = new float[n * perImage];
            for (int i = 0; i < n; i++) {
                int index = start + i;
                CaptionedImage example = index < examples.size()
                        ? new CaptionedImage(examples.get(index).image(), examples.get(index).prompt())
                        : flats.sample(AdapterTrainer.REGULARISATION_SEED_BASE + options.seed() * 10_000 + index);
                PixelTensors.toPlanar(AdapterTrainer.fit(example.image(), size), pixels, i * perImage);
                captions[index] = example.caption();
                System.arraycopy(ClipTokenizer.standard().contextIds(example.caption()), 0, ids, index * length,
                        length);
            }
            try (NDManager scratch = NDManager.newBaseManager(model.device())) {
                float[] z = model.encodeMean(scratch.create(pixels, new Shape(n, 3, size, size))).toFloatArray();
                System.arraycopy(z, 0, latents, start * perLatent, z.length);
            }
        }
        return new LatentCache(count, latentSize, length, latents, ids, captions);
    }

    LatentCache cache() {
        return cache;
    }

    /** The text states of a cached example, [L * width]. */
    float[] context(int index) {
        return contexts[index];
    }

    /** The text states of the empty caption. */
    float[] emptyContext() {
        return emptyContext;
    }

    /** [L, width] of one example's text states. */
    long[] contextShape() {
        return contextShape;
    }
}
