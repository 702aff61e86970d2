package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Params of {@code images.upscale}.
 *
 * @param image the image
 * @param scale 2, 3 or 4
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesUpscaleParams(
        ImageInput image,
        Integer scale) {
}
