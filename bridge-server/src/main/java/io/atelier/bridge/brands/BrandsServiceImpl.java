package io.atelier.bridge.brands;

import io.atelier.brands.brand.BrandChanges;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.bridge.rpc.Caller;
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
    private final Caller caller;

    public BrandsServiceImpl(BrandRepository brands, Caller caller) {
        this.brands = brands;
        this.caller = caller;
    }

    @Override
    public BrandsListResult list(Empty params) {
        return BrandCalls.run(() -> new BrandsListResult(
                brands.list(caller.brandScope()).stream().map(ProtocolMapping::brand).toList()));
    }

    @Override
    public Brand get(BrandIdParams params) {
        return BrandCalls.run(() -> ProtocolMapping.brand(brands.get(caller.brandScope(), params.brand())));
    }

    @Override
    public Brand create(BrandsCreateParams params) {
        return BrandCalls.run(() -> ProtocolMapping.brand(brands.create(caller.brandScope(), new NewBrand(params.id(),
                params.displayName(), params.languages(), ProtocolMapping.palette(params.palette()),
                ProtocolMapping.vocabulary(params.vocabulary()), ProtocolMapping.policy(params.policy())))));
    }

    @Override
    public Brand update(BrandsUpdateParams params) {
        return BrandCalls.run(() -> ProtocolMapping.brand(brands.update(caller.brandScope(), params.brand(),
                new BrandChanges(params.displayName(), params.languages(), ProtocolMapping.palette(params.palette()),
                        ProtocolMapping.vocabulary(params.vocabulary()), ProtocolMapping.policy(params.policy())))));
    }

    @Override
    public BrandsDeleteResult delete(BrandIdParams params) {
        return BrandCalls.run(() -> {
            brands.delete(caller.brandScope(), params.brand());
            return new BrandsDeleteResult(params.brand(), true);
        });
    }
}
