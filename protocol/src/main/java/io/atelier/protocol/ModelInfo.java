package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) ModelKind kind,
        int nativeWidth,
        int nativeHeight,
        boolean isDefault,
        String displayName,
        String family) {

    /** A model described without the optional fields. */
    public ModelInfo(String id, ModelKind kind, int nativeWidth, int nativeHeight, boolean isDefault) {
        this(id, kind, nativeWidth, nativeHeight, isDefault, null, null);
    }
}
