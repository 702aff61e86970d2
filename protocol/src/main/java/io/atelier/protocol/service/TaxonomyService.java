package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.TaxonomyResolveParams;
import io.atelier.protocol.TaxonomyResolveResult;

/** {@code taxonomy.*}: how the bridge understands a designer's French or English words. */
@RpcService("taxonomy")
public interface TaxonomyService {
    /**
     * Turns free text into the model prompt, applying the brand's vocabulary on top of the shared taxonomy, and says
     * which terms were understood and which were not. The prompt is written for the model named (else the default
     * one): canonical tokens for atelier-micro, the glossary text for CLIP models. Runs no model. An unknown or
     * invisible brand, or an unknown model, answers {@link ErrorCodes#NOT_FOUND}.
     */
    @RpcDescription("Turns French or English text into the prompt the chosen model receives (canonical tokens for atelier-micro, English glossary text for CLIP models) and reports matched and unknown terms.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    TaxonomyResolveResult resolve(TaxonomyResolveParams params);
}
