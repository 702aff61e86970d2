package io.atelier.bridge.models;

import io.atelier.protocol.ModelInfo;
import java.util.List;
import java.util.Optional;

/** The models the bridge can run, for {@code models.list}. The engine provides the real one. */
@FunctionalInterface
public interface ModelCatalog {
    /** Every installed model, the default diffusion model first. */
    List<ModelInfo> models();

    /**
     * The family of a model ({@code model.json}'s {@code family}: {@code atelier-micro}, {@code sd1}, …), which decides
     * how prompts are written for it ({@code PromptStyle.forFamily}).
     *
     * @param modelIdOrNull a model id, or null for the default model
     * @return empty when no installed model has that id, or when null is asked of a catalog with no default model
     */
    default Optional<String> family(String modelIdOrNull) {
        return Optional.empty();
    }

    /**
     * One sentence per file or folder under {@code <home>/models/} that could not be used when {@link #models} last
     * looked, naming it (never by its full path) and saying why.
     */
    default List<String> problems() {
        return List.of();
    }

    /** The models loaded now, which a queue worker serves first ({@code SharedJobQueue#claim}); empty when unknown. */
    default java.util.Set<String> warmModelIds() {
        return java.util.Set.of();
    }

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
