package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.JobSubmitted;

/** {@code images.*}: generation. Each method returns a job id at once; results come with the job. */
@RpcService("images")
public interface ImagesService {
    /** Text to image, redraw over an image, or regenerate its masked part. */
    @RpcDescription("Generates images from a prompt, over an init image, or in its masked part, as one job.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE, ErrorCodes.BUSY, ErrorCodes.INVALID_IMAGE, ErrorCodes.MODEL_FAILURE})
    JobSubmitted generate(ImagesGenerateParams params);

    /**
     * Enlarges an image by 2, 3, 4 or 8 with a pretrained super-resolution network, tile by tile, as one job: progress
     * per tile, cancel between tiles, one result image of at most 4096×4096 whose PNG says it is an upscale of the
     * source's history record (IPTC digital source type kept from the source) and names the upscaler.
     */
    @RpcDescription("Enlarges an image by 2, 3, 4 or 8 with a pretrained super-resolution network (models.list kind "
            + "upscaler), tile by tile, as one job; output at most 4096x4096.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE, ErrorCodes.BUSY, ErrorCodes.INVALID_IMAGE,
            ErrorCodes.MODEL_FAILURE})
    JobSubmitted upscale(ImagesUpscaleParams params);
}
