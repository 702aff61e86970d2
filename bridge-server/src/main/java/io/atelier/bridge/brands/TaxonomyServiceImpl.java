package io.atelier.bridge.brands;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.taxonomy.BrandTaxonomyResolver;
import io.atelier.bridge.models.ModelCatalog;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.TaxonomyResolveParams;
import io.atelier.protocol.TaxonomyResolveResult;
import io.atelier.protocol.service.TaxonomyService;
import io.atelier.taxonomy.PromptStyle;

/**
 * {@code taxonomy.resolve}: the shared taxonomy plus, when named and visible, the brand's own vocabulary, written the
 * way the model named (else the default one) reads prompts, so that it shows exactly what {@code images.generate}
 * would send that model.
 */
public final class TaxonomyServiceImpl implements TaxonomyService {

    private final BrandRepository brands;
    private final BrandTaxonomyResolver resolver;
    private final ModelCatalog models;
    private final Caller caller;

    public TaxonomyServiceImpl(BrandRepository brands, BrandTaxonomyResolver resolver, ModelCatalog models,
                               Caller caller) {
        this.brands = brands;
        this.resolver = resolver;
        this.models = models;
        this.caller = caller;
    }

    @Override
    public TaxonomyResolveResult resolve(TaxonomyResolveParams params) {
        return BrandCalls.run(() -> {
            Brand brand = params.brand() == null ? null : brands.get(caller.brandScope(), params.brand());
            PromptStyle style = style(params.model());
            return ProtocolMapping.resolution(resolver.resolve(brand, params.text(), params.lang(), style));
        });
    }

    /** The style of the model named, else of the default model; a bridge with no model at all keeps canonical tokens. */
    private PromptStyle style(String modelOrNull) {
        return models.family(modelOrNull).map(PromptStyle::forFamily).orElseGet(() -> {
            if (modelOrNull == null) {
                return PromptStyle.CANONICAL_TOKENS;
            }
            throw new AtelierException(ErrorCodes.NOT_FOUND, "No model named '" + modelOrNull + "' is installed.",
                    "model");
        });
    }
}
