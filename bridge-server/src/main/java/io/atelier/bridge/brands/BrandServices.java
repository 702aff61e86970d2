package io.atelier.bridge.brands;

import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.Brand;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.models.ModelCatalog;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.RpcBinding;
import io.atelier.protocol.service.BrandsService;
import io.atelier.protocol.service.DatasetsService;
import io.atelier.protocol.service.HistoryService;
import io.atelier.protocol.service.TaxonomyService;

import java.util.List;
import java.util.function.Function;

/** The {@code brands.*}, {@code datasets.*}, {@code taxonomy.*} and {@code history.*} services over one brand store. */
public final class BrandServices {

    private BrandServices() {
    }

    /** The ids of the registered brands a caller may use, for {@code session.initialize}. */
    public static Function<Caller, List<String>> brandIdsVisibleTo(BrandStore store) {
        return caller -> store.brands().list(caller.brandScope()).stream().map(Brand::id).toList();
    }

    /** @param models the installed models, whose family decides how {@code taxonomy.resolve} writes a prompt */
    public static List<RpcBinding> bindings(BrandStore store, ImageStore images, ModelCatalog models) {
        return List.of(
                RpcBinding.perCaller(BrandsService.class, caller -> new BrandsServiceImpl(store.brands(), caller)),
                RpcBinding.perCaller(DatasetsService.class,
                        caller -> new DatasetsServiceImpl(store.datasets(), images, caller)),
                RpcBinding.perCaller(TaxonomyService.class,
                        caller -> new TaxonomyServiceImpl(store.brands(), store.resolver(), models, caller)),
                RpcBinding.perCaller(HistoryService.class,
                        caller -> new HistoryServiceImpl(store.history(), images, caller)));
    }
}
