package io.atelier.engine.model;

import io.atelier.engine.sd.Sd1Config;
import java.util.Locale;
import java.util.Map;

/**
 * The manifest of a checkpoint file, written by the engine since such a file carries none: SD-1.x's published
 * settings (512 px native, latents x8 with 4 channels scaled by 0.18215, epsilon prediction, the scaled-linear
 * schedule of 1000 steps from 0.00085 to 0.012, CLIP's 77 tokens padded with end-of-text) and the widths read
 * from the file.
 */
public final class CheckpointManifests {
    public static final String FAMILY = "sd1";
    static final int CLIP_END_OF_TEXT = 49407;

    private CheckpointManifests() {
    }

    /** A model id from a file name: lowercase letters, digits, '.', '_' and '-', at most 64 characters. */
    public static String idFor(String fileName) {
        String stem = (fileName.toLowerCase(Locale.ROOT).endsWith(".safetensors")
                ? fileName.substring(0, fileName.length() - ".safetensors".length()) : fileName).toLowerCase(Locale.ROOT);
        String safe = stem.replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        safe = safe.isEmpty() ? "checkpoint" : safe;
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    public static ModelManifest sd1(String id, String displayName, Sd1Config config) {
        int vaeScale = config.vae().scaleFactor();
        int sizeMultiple = vaeScale * config.unet().downsampling();
        SchedulerSettings scheduler = new SchedulerSettings(1000, "scaled_linear", 0.00085, 0.012, "dpmpp_2m", 25,
                7.0);
        TextSettings text = new TextSettings(config.text().positions(), config.text().width(), CLIP_END_OF_TEXT);
        return new ModelManifest(ModelManifest.SUPPORTED_FORMAT_VERSION, id, FAMILY, displayName, 512, 512,
                sizeMultiple, null, config.vae().zChannels(), vaeScale, Sd1Config.LATENT_SCALING, "epsilon",
                "float32", scheduler, text, null, Map.of(), DrawableSize.sd1Buckets());
    }
}
