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

    /** Enlarges an image by 2, 3 or 4. */
    @RpcDescription("Enlarges an image by 2, 3 or 4, as one job.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE, ErrorCodes.BUSY, ErrorCodes.INVALID_IMAGE})
    JobSubmitted upscale(ImagesUpscaleParams params);
}
