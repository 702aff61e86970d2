package io.atelier.protocol.service;

import io.atelier.protocol.Empty;
import io.atelier.protocol.ModelsListResult;

/** {@code models.*}: which models the bridge can run. */
@RpcService("models")
public interface ModelsService {
    /**
     * Lists every installed model; exactly one diffusion model is the default. Each call looks at
     * {@code <home>/models/} again (file headers only), so a checkpoint dropped in while the bridge runs is listed
     * at once, a removed one disappears, and a file that cannot be used is named in {@code problems} with the reason.
     */
    @RpcDescription("Lists every installed model (default first) and a sentence for each file under <home>/models"
            + " that cannot be used; each call rescans that folder, so a checkpoint dropped in while the bridge runs"
            + " appears.")
    ModelsListResult list(Empty params);
}
