package io.atelier.micro.train;

import io.atelier.engine.text.PackageTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.IntConsumer;

/**
 * Frozen-encoder latents (unscaled) and token ids of the first {@code count} generator seeds.
 *
 * <p>Encoding once and sampling from the cache costs one encoder pass per example instead of one per
 * visit; at ~16 k examples every (category, colour, pattern) triple is seen ~30 times in varied
 * drawings, plenty for stage 2. The file lives in the work folder so a resumed run does not re-encode.
 */
public record LatentCache(int count, int latentSize, int textLength, float[] latents, long[] inputIds, String[] captions) {

    public static final int LATENT_CHANNELS = 4;

    public static LatentCache build(CaptionedImageSource source, long seedBase, int count, TrainableModule encoder,
                                    PackageTokenizer tokenizer, int imageSize, int batch, IntConsumer progress) {
        int latentSize = imageSize / 8;
        int perLatent = LATENT_CHANNELS * latentSize * latentSize;
        float[] latents = new float[count * perLatent];
        long[] ids = new long[count * tokenizer.maxLength()];
        String[] captions = new String[count];
        int perImage = 3 * imageSize * imageSize;
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            float[] pixels = new float[n * perImage];
            for (int i = 0; i < n; i++) {
                CaptionedImage example = source.sample(seedBase + start + i);
                ImageTensors.writeChw(example.image(), 0, 0, imageSize, pixels, i * perImage);
                captions[start + i] = example.caption();
                System.arraycopy(tokenizer.ids(example.caption()), 0, ids, (start + i) * tokenizer.maxLength(),
                        tokenizer.maxLength());
            }
            try (NDManager scratch = encoder.manager().newSubManager()) {
                NDArray x = scratch.create(pixels, new Shape(n, 3, imageSize, imageSize));
                // Training-mode forward outside a gradient collector: no graph, and no inference-mode tensors
                // (VERIFIED-FACTS trap 5) in a process that keeps training afterwards.
                float[] z = encoder.forward(true, x).toFloatArray();
                System.arraycopy(z, 0, latents, start * perLatent, z.length);
            }
            progress.accept(start + n);
        }
        return new LatentCache(count, latentSize, tokenizer.maxLength(), latents, ids, captions);
    }

    /** Standard deviation of every cached latent value: 1 / std is the package's latentScalingFactor. */
    public double latentStd() {
        double sum = 0;
        double sq = 0;
        for (float v : latents) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / latents.length;
        return Math.sqrt(sq / latents.length - mean * mean);
    }

    public int perLatent() {
        return LATENT_CHANNELS * latentSize * latentSize;
    }

    public void save(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(count);
            out.writeInt(latentSize);
            out.writeInt(textLength);
            for (float v : latents) {
                out.writeFloat(v);
            }
            for (long v : inputIds) {
                out.writeLong(v);
            }
            for (String c : captions) {
                out.writeUTF(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LatentCache load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int count = in.readInt();
            int latentSize = in.readInt();
            int textLength = in.readInt();
            float[] latents = new float[count * LATENT_CHANNELS * latentSize * latentSize];
            for (int i = 0; i < latents.length; i++) {
                latents[i] = in.readFloat();
            }
            long[] ids = new long[count * textLength];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = in.readLong();
            }
            String[] captions = new String[count];
            for (int i = 0; i < count; i++) {
                captions[i] = in.readUTF();
            }
            return new LatentCache(count, latentSize, textLength, latents, ids, captions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
