package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params naming one brand: {@code brands.get}, {@code brands.delete}, {@code datasets.list}, {@code adapters.list}.
 *
 * @param brand brand id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandIdParams(
        @JsonProperty(required = true) String brand) {
}
