package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a model does. */
public enum ModelKind {
    @JsonProperty("diffusion") DIFFUSION,
    @JsonProperty("upscaler") UPSCALER
}
