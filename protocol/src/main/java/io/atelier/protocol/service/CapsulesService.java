package io.atelier.protocol.service;

import io.atelier.protocol.CapsulesGenerateParams;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobSubmitted;

/** {@code capsules.*}: coherent mini-collections in a brand's codes. */
@RpcService("capsules")
public interface CapsulesService {
    /** Generates a capsule as one job. */
    @RpcDescription("Generates a capsule (a few coherent looks in the brand's codes) as one job.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.BUSY, ErrorCodes.MODEL_FAILURE})
    JobSubmitted generate(CapsulesGenerateParams params);
}
