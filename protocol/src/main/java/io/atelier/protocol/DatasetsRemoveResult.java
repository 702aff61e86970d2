package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Result of {@code datasets.remove}.
 *
 * @param itemId the removed item
 * @param removed always true; an unknown item answers not found instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetsRemoveResult(
        @JsonProperty(required = true) String itemId,
        boolean removed) {
}
