package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobSubmitted;
import io.atelier.protocol.PreviewRenderParams;

/** {@code preview.*}: 3D previews rendered headless by jme-preview. */
@RpcService("preview")
public interface PreviewService {
    /** Renders stills of a garment or a store concept as one job. */
    @RpcDescription("Renders 3D preview stills of a garment or a store concept as one job.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE, ErrorCodes.BUSY, ErrorCodes.INVALID_IMAGE, ErrorCodes.MODEL_FAILURE})
    JobSubmitted render(PreviewRenderParams params);
}
