package io.atelier.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The content of a package's {@code model.json} (format in docs/models.md and contracts.md).
 *
 * @param sizeMultiple optional: width and height must be multiples of it (default 8 x vaeScaleFactor)
 * @param maxPixels optional: the largest width x height accepted (default 4 x native)
 * @param dtype optional: {@code float32} (default) or {@code float16} (GPU-only packages)
 * @param preview optional: latent-to-RGB factors for the cheap preview
 * @param drawableSizes optional: the sizes the model draws well, native first (default: the native size alone)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        int formatVersion,
        String id,
        String family,
        String displayName,
        int nativeWidth,
        int nativeHeight,
        Integer sizeMultiple,
        Long maxPixels,
        int latentChannels,
        int vaeScaleFactor,
        double latentScalingFactor,
        String predictionType,
        String dtype,
        SchedulerSettings scheduler,
        TextSettings text,
        PreviewSettings preview,
        Map<String, ComponentFile> components,
        List<DrawableSize> drawableSizes) {

    public static final int SUPPORTED_FORMAT_VERSION = 1;
    public static final String TOKENIZER = "tokenizer";
    public static final String TEXT_ENCODER = "textEncoder";
    public static final String UNET = "unet";
    public static final String VAE_DECODER = "vaeDecoder";
    public static final String VAE_ENCODER = "vaeEncoder";
    public static final String[] REQUIRED_COMPONENTS = {TOKENIZER, TEXT_ENCODER, UNET, VAE_DECODER, VAE_ENCODER};

    public int effectiveSizeMultiple() {
        return sizeMultiple != null ? sizeMultiple : 8 * vaeScaleFactor;
    }

    /** The declared drawable sizes, or the native size alone: a package that does not say is trusted at its own. */
    public List<DrawableSize> effectiveDrawableSizes() {
        return drawableSizes != null && !drawableSizes.isEmpty() ? List.copyOf(drawableSizes)
                : List.of(new DrawableSize(nativeWidth, nativeHeight));
    }

    public long effectiveMaxPixels() {
        return maxPixels != null ? maxPixels : 4L * nativeWidth * nativeHeight;
    }
}
