package io.atelier.protocol.service;

import io.atelier.protocol.AdaptersEvaluateParams;
import io.atelier.protocol.AdaptersListResult;
import io.atelier.protocol.AdaptersTrainParams;
import io.atelier.protocol.BrandIdParams;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobSubmitted;

/** {@code adapters.*}: low-rank adapters that teach the model a brand's codes, trained in the bridge. */
@RpcService("adapters")
public interface AdaptersService {
    /**
     * Trains an adapter on the brand's dataset as a job. A cancelled or crashed training never publishes a
     * half-written adapter; an interrupted one resumes from its last checkpoint when the bridge restarts.
     */
    @RpcDescription("Trains a LoRA adapter on the brand's dataset, as a job; the new adapter becomes current.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.BUSY, ErrorCodes.MODEL_FAILURE})
    JobSubmitted train(AdaptersTrainParams params);

    /** A brand's adapters. */
    @RpcDescription("Lists a brand's adapters, newest first, with their latest evaluation.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    AdaptersListResult list(BrandIdParams params);

    /**
     * Measures an adapter's fidelity to the brand and how much it changes other prompts, as a job: on atelier-micro or
     * on the SD-1.x checkpoint it was trained on. Invalid params: a brand without a palette ({@code palette}), an
     * adapter whose model is no longer installed ({@code adapter}).
     */
    @RpcDescription("Measures an adapter's house codes with and without it (and, on atelier-micro, the judge's"
            + " agreement), as a job whose result is a contact sheet.")
    @RpcErrors({ErrorCodes.INVALID_PARAMS, ErrorCodes.NOT_FOUND, ErrorCodes.BUSY, ErrorCodes.MODEL_FAILURE})
    JobSubmitted evaluate(AdaptersEvaluateParams params);
}
