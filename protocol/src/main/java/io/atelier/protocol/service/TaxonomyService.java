package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.TaxonomyResolveParams;
import io.atelier.protocol.TaxonomyResolveResult;

/** {@code taxonomy.*}: how the bridge understands a designer's French or English words. */
@RpcService("taxonomy")
public interface TaxonomyService {
    /**
     * Turns free text into the model prompt, applying the brand's vocabulary on top of the shared taxonomy, and says
     * which terms were understood and which were not. Runs no model. An unknown or invisible brand answers
     * {@link ErrorCodes#NOT_FOUND}.
     */
    @RpcDescription("Turns French or English text into the canonical model prompt and reports matched and unknown terms.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    TaxonomyResolveResult resolve(TaxonomyResolveParams params);
}
