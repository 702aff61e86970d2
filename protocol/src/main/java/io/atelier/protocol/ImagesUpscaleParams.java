package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code images.upscale}: super-resolution by a pretrained ESRGAN network, tile by tile, as one job
 * ({@code jobs.progress} counts tiles; the result is one {@code ImageRef}). The output may be at most 4096 pixels on
 * each side, else -32005 with the limit in the message.
 *
 * @param image  the image to enlarge: {id} of a stored image or {base64} of a PNG/JPEG (alpha is dropped)
 * @param scale  2, 3, 4 or 8 (default 4); anything else is -32602 with {@code data.field} {@code scale}
 * @param model  an upscaler id from {@code models.list} (kind {@code upscaler}); default {@code esrgan-slim};
 *               unknown: -32004 with {@code data.field} {@code model}
 * @param tile   tile side in source pixels, 32..512 (default 192): smaller tiles use less memory, larger ones
 *               waste less work on overlaps
 * @param detail 0..1 (default 0: none): after super-resolution, each tile of the enlarged image (the model's native
 *               size, overlapping by a quarter) is redrawn by the model that made the source, from the prompt,
 *               steps, guidance, sampler and seed of the source's history record, at strength detail/2. Only for an
 *               image made by Atelier whose record the caller may read, else -32602 with {@code data.field}
 *               {@code detail}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesUpscaleParams(
        @JsonProperty(required = true) ImageInput image,
        Integer scale,
        String model,
        Integer tile,
        Double detail) {

    /** Params with the default model, tiles and no detail pass. */
    public ImagesUpscaleParams(ImageInput image, Integer scale) {
        this(image, scale, null, null, null);
    }
}
