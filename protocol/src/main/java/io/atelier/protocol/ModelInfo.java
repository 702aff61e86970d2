package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One model the bridge can run.
 *
 * @param id model id, e.g. {@code atelier-micro}; for a checkpoint file dropped into {@code <home>/models/}, its file
 *           name lowercased with spaces as dashes ({@code House SD 1.5.safetensors} → {@code house-sd-1.5})
 * @param kind diffusion or upscaler
 * @param nativeWidth the size it was trained at
 * @param nativeHeight the size it was trained at
 * @param isDefault used when a request names no model
 * @param displayName the name to show a designer (a package's {@code displayName}, a checkpoint's file name without
 *                    extension); absent from bridges older than this field
 * @param family the architecture family, which decides how prompts are written for the model: {@code atelier-micro}
 *               (canonical tokens) or {@code sd1} (Stable Diffusion 1.x: the designer's text through the glossary);
 *               absent from bridges older than this field
 * @param drawableSizes the sizes the model draws well, native first: a plugin asks for the one whose aspect ratio is
 *                      nearest its canvas (or selection) and scales the result, since a model asked for a size it was
 *                      never trained at draws twin garments and holes (atelier-micro: 128×128 only; Stable Diffusion
 *                      1.x: 512 on the short side, up to 768 on the long); absent from bridges older than this field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) ModelKind kind,
        int nativeWidth,
        int nativeHeight,
        boolean isDefault,
        String displayName,
        String family,
        List<DrawableSize> drawableSizes) {

    /** A model described without the optional fields. */
    public ModelInfo(String id, ModelKind kind, int nativeWidth, int nativeHeight, boolean isDefault) {
        this(id, kind, nativeWidth, nativeHeight, isDefault, null, null, null);
    }
}
