package io.atelier.bridge.services;

import io.atelier.bridge.models.ModelCatalog;
import io.atelier.protocol.Empty;
import io.atelier.protocol.ModelsListResult;
import io.atelier.protocol.service.ModelsService;

/** {@code models.list} over a {@link ModelCatalog}: the models, then the problems met while finding them. */
public final class ModelsServiceImpl implements ModelsService {
    private final ModelCatalog catalog;

    public ModelsServiceImpl(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public ModelsListResult list(Empty params) {
        return new ModelsListResult(catalog.models(), catalog.problems());
    }
}
