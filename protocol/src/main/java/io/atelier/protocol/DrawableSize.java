package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A width × height in pixels that a model draws well (see {@link ModelInfo#drawableSizes()}).
 *
 * @param width pixels
 * @param height pixels
 */
public record DrawableSize(
        @JsonProperty(required = true) int width,
        @JsonProperty(required = true) int height) {
}
