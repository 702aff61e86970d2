package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Params or result with no fields: {@code {}} on the wire.
 *
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Empty(
) {
}
