package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a brand allows the bridge to do with its material.
 *
 * @param embedPrompt true: generated PNGs carry the prompt in an AUTOMATIC1111 {@code parameters} chunk; false: the prompt stays in history only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandPolicy(
        boolean embedPrompt) {
}
