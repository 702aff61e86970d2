package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code history.get}.
 *
 * @param id record id (from a PNG's XMP, a search, or a job)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryGetParams(
        @JsonProperty(required = true) String id) {
}
