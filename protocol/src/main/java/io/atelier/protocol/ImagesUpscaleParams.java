package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code images.upscale}.
 *
 * @param image the image
 * @param scale 2, 3 or 4
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesUpscaleParams(
        @JsonProperty(required = true) ImageInput image,
        Integer scale) {
}
