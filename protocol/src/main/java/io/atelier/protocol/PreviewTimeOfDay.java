package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Sun position of a store preview. */
public enum PreviewTimeOfDay {
    @JsonProperty("morning") MORNING,
    @JsonProperty("noon") NOON,
    @JsonProperty("golden-hour") GOLDEN_HOUR,
    @JsonProperty("night") NIGHT
}
