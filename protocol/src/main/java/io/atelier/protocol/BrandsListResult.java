package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code brands.list}: the brands the token may see, by id.
 *
 * @param brands the brands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandsListResult(
        @JsonProperty(required = true) List<Brand> brands) {
}
