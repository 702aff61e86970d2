package io.atelier.protocol.service;

import io.atelier.protocol.Empty;
import io.atelier.protocol.ModelsListResult;

/** {@code models.*}: which models the bridge can run. */
@RpcService("models")
public interface ModelsService {
    /** Lists every installed model; exactly one diffusion model is the default. */
    @RpcDescription("Lists every installed model; exactly one diffusion model is the default.")
    ModelsListResult list(Empty params);
}
