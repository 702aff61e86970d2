package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model the bridge can run.
 *
 * @param id model id, e.g. {@code atelier-micro}
 * @param kind diffusion or upscaler
 * @param nativeWidth the size it was trained at
 * @param nativeHeight the size it was trained at
 * @param isDefault used when a request names no model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) ModelKind kind,
        int nativeWidth,
        int nativeHeight,
        boolean isDefault) {
}
