package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Result of {@code brands.delete}: the brand, its datasets, adapters and history are gone.
 *
 * @param brand the deleted brand id
 * @param deleted always true; an unknown brand answers not found instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandsDeleteResult(
        @JsonProperty(required = true) String brand,
        boolean deleted) {
}
