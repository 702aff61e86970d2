package io.atelier.brands.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.image.PixelTensors;
import io.atelier.engine.sd.Sd1Model;
import io.atelier.engine.text.ClipTokenizer;
import io.atelier.micro.train.CaptionedImage;
import io.atelier.micro.train.CaptionedImageSource;
import io.atelier.micro.train.FlatsImageSource;
import io.atelier.micro.train.LatentCache;
import io.atelier.taxonomy.PromptGlossary;
import io.atelier.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of an SD-1.x adapter training as the UNet sees them: each image encoded once by the checkpoint's VAE
 * (the latent mean, kept in {@code latents.bin} of the work folder so that a resumed run does not encode again) with
 * its caption as kohya tags ({@link CaptionTags}); the text states are the trainer's to encode, per drawn variant of
 * a caption ({@link CaptionContexts}). The house's examples come first, then the plain flats of prior preservation,
 * as in atelier-micro's trainer.
 */
final class CheckpointExamples {
    private static final int ENCODE_BATCH = 4;

    private final LatentCache cache;
    private final List<CaptionTags> tags;

    private CheckpointExamples(LatentCache cache, List<CaptionTags> tags) {
        this.cache = cache;
        this.tags = tags;
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
        // Step 2: every caption (canonical tokens) as tags for CLIP, the trigger and the category first.
        PromptGlossary glossary = PromptGlossary.standard();
        List<CaptionTags> tags = new ArrayList<>(cache.count());
        for (String caption : cache.captions()) {
            tags.add(CaptionTags.of(caption, Taxonomy.standard(), glossary));
        }
        return new CheckpointExamples(cache, tags);
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

    /** The caption of a cached example as tags. */
    CaptionTags tags(int index) {
        return tags.get(index);
    }
}
