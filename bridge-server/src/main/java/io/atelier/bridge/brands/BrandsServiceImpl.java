package io.atelier.bridge.brands;

import io.atelier.brands.brand.BrandChanges;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.protocol.Brand;
import io.atelier.protocol.BrandIdParams;
import io.atelier.protocol.BrandsCreateParams;
import io.atelier.protocol.BrandsDeleteResult;
import io.atelier.protocol.BrandsListResult;
import io.atelier.protocol.BrandsUpdateParams;
import io.atelier.protocol.Empty;
import io.atelier.protocol.service.BrandsService;

/** {@code brands.*} over the brands module; the caller's token scope decides what exists. */
public final class BrandsServiceImpl implements BrandsService {

    private final BrandRepository brands;

    public BrandsServiceImpl(BrandRepository brands) {
        this.brands = brands;
    }

    @Override
    public BrandsListResult list(Empty params) {
        return BrandCalls.run(() -> new BrandsListResult(
                brands.list(BrandCalls.scope()).stream().map(ProtocolMapping::brand).toList()));
    }

    @Override
    public Brand get(BrandIdParams params) {
        return BrandCalls.run(() -> ProtocolMapping.brand(brands.get(BrandCalls.scope(), params.brand())));
    }

    @Override
    public Brand create(BrandsCreateParams params) {
        return BrandCalls.run(() -> ProtocolMapping.brand(brands.create(BrandCalls.scope(), new NewBrand(params.id(),
                params.displayName(), params.languages(), ProtocolMapping.palette(params.palette()),
                ProtocolMapping.vocabulary(params.vocabulary()), ProtocolMapping.policy(params.policy())))));
    }

    @Override
    public Brand update(BrandsUpdateParams params) {
        return BrandCalls.run(() -> ProtocolMapping.brand(brands.update(BrandCalls.scope(), params.brand(),
                new BrandChanges(params.displayName(), params.languages(), ProtocolMapping.palette(params.palette()),
                        ProtocolMapping.vocabulary(params.vocabulary()), ProtocolMapping.policy(params.policy())))));
    }

    @Override
    public BrandsDeleteResult delete(BrandIdParams params) {
        return BrandCalls.run(() -> {
            brands.delete(BrandCalls.scope(), params.brand());
            return new BrandsDeleteResult(params.brand(), true);
        });
    }
}
