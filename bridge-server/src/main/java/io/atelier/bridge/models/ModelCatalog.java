package io.atelier.bridge.models;

import io.atelier.protocol.ModelInfo;
import java.util.List;

/** The models the bridge can run, for {@code models.list}. The engine provides the real one. */
@FunctionalInterface
public interface ModelCatalog {
    /** Every installed model, the default diffusion model first. */
    List<ModelInfo> models();

    /** A catalog with no model: what a bridge without an engine offers. */
    static ModelCatalog empty() {
        return List::of;
    }

    /** A fixed list, for tests and for wiring a known set. */
    static ModelCatalog of(List<ModelInfo> models) {
        List<ModelInfo> copy = List.copyOf(models);
        return () -> copy;
    }
}
