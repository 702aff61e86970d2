package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code preview.render} renders. */
public enum PreviewScene {
    /** A flat draped on a body-shaped garment. */
    @JsonProperty("garment") GARMENT,
    /** A boutique whose surfaces take the images. */
    @JsonProperty("store") STORE
}
