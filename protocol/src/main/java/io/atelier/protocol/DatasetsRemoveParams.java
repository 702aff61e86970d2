package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code datasets.remove}.
 *
 * @param brand brand id
 * @param itemId the item to remove
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetsRemoveParams(
        @JsonProperty(required = true) String brand,
        @JsonProperty(required = true) String itemId) {
}
