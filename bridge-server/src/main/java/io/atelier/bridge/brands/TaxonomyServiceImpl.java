package io.atelier.bridge.brands;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.taxonomy.BrandTaxonomyResolver;
import io.atelier.protocol.TaxonomyResolveParams;
import io.atelier.protocol.TaxonomyResolveResult;
import io.atelier.protocol.service.TaxonomyService;

/** {@code taxonomy.resolve}: the shared taxonomy plus, when named and visible, the brand's own vocabulary. */
public final class TaxonomyServiceImpl implements TaxonomyService {

    private final BrandRepository brands;
    private final BrandTaxonomyResolver resolver;

    public TaxonomyServiceImpl(BrandRepository brands, BrandTaxonomyResolver resolver) {
        this.brands = brands;
        this.resolver = resolver;
    }

    @Override
    public TaxonomyResolveResult resolve(TaxonomyResolveParams params) {
        return BrandCalls.run(() -> {
            Brand brand = params.brand() == null ? null : brands.get(BrandCalls.scope(), params.brand());
            return ProtocolMapping.resolution(resolver.resolve(brand, params.text(), params.lang()));
        });
    }
}
