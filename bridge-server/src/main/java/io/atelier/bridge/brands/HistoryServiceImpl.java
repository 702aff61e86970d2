package io.atelier.bridge.brands;

import io.atelier.brands.BrandScope;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.HistoryGetParams;
import io.atelier.protocol.HistoryRecord;
import io.atelier.protocol.HistorySearchParams;
import io.atelier.protocol.HistorySearchResult;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.service.HistoryService;

/** {@code history.*}: provenance records the caller's scope may see. */
public final class HistoryServiceImpl implements HistoryService {

    private final HistoryRepository history;
    private final ImageStore images;
    private final Caller caller;

    public HistoryServiceImpl(HistoryRepository history, ImageStore images, Caller caller) {
        this.history = history;
        this.images = images;
        this.caller = caller;
    }

    @Override
    public HistorySearchResult search(HistorySearchParams params) {
        return BrandCalls.run(() -> {
            BrandScope scope = caller.brandScope();
            return new HistorySearchResult(history.search(scope, params.brand(), params.text(), params.limit())
                    .stream().map(entry -> ProtocolMapping.history(entry, id -> image(scope, id))).toList());
        });
    }

    @Override
    public HistoryRecord get(HistoryGetParams params) {
        return BrandCalls.run(() -> {
            BrandScope scope = caller.brandScope();
            return ProtocolMapping.history(history.get(scope, params.id()), id -> image(scope, id));
        });
    }

    private ImageRef image(BrandScope scope, String id) {
        return images.find(id, caller).map(image -> image.ref())
                .orElse(null);
    }
}
