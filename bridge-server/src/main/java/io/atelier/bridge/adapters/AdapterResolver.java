package io.atelier.bridge.adapters;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.adapter.AdapterStatus;
import io.atelier.engine.AdapterSpec;
import io.atelier.protocol.ErrorCodes;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which adapter a generation applies: with a brand, the one named by {@code adapter} or else the brand's current
 * one, at {@code adapterWeight} (default 1); without a brand, none. Adapters of brands outside the caller's scope
 * answer not found, like absent ones.
 */
public final class AdapterResolver {
    public static final double DEFAULT_WEIGHT = 1.0;

    private final BrandStore store;
    private final Path home;

    public AdapterResolver(BrandStore store, Path home) {
        this.store = store;
        this.home = home;
    }

    /**
     * @return the engine's adapter spec, or null for the base model
     * @throws AtelierException invalid params (a weight out of 0..2) or not found (an adapter of another brand, not
     *     ready, or named without a brand)
     */
    public AdapterSpec resolve(BrandScope scope, String brandOrNull, String adapterIdOrNull, Double weightOrNull) {
        if (weightOrNull != null && !(weightOrNull >= 0 && weightOrNull <= AdapterSpec.MAX_WEIGHT)) {
            throw AtelierException.invalidParams("adapterWeight",
                    "adapterWeight must be between 0 and " + AdapterSpec.MAX_WEIGHT + ".");
        }
        if (brandOrNull == null) {
            if (adapterIdOrNull != null) {
                // Every adapter belongs to a brand: without one, none can be found.
                throw notFound();
            }
            return null;
        }
        Optional<AdapterRecord> chosen;
        try {
            if (adapterIdOrNull != null) {
                AdapterRecord record = store.adapters().get(scope, adapterIdOrNull);
                if (!record.brand().equals(brandOrNull) || record.status() != AdapterStatus.READY) {
                    throw notFound();
                }
                chosen = Optional.of(record);
            } else {
                chosen = store.adapters().current(scope, brandOrNull);
            }
        } catch (NotFoundException e) {
            throw new AtelierException(ErrorCodes.NOT_FOUND,
                    "adapter".equals(e.field()) ? "Adapter not found." : "Brand not found.", e.field());
        }
        return chosen.map(record -> AdapterSpec.of(home.resolve(record.filePath()),
                weightOrNull == null ? DEFAULT_WEIGHT : weightOrNull)).orElse(null);
    }

    /** The adapter chosen for a generation: its record (history) and the engine's spec; null for none. */
    public record Choice(AdapterRecord record, AdapterSpec spec) {
    }

    /**
     * As {@link #resolve}, for a generation on {@code modelId}: the brand's current adapter applies only to the model
     * it was trained on (another model runs without it); a named adapter for another model is refused.
     */
    public Choice choose(BrandScope scope, String brandOrNull, String adapterIdOrNull, Double weightOrNull,
                         String modelId) {
        AdapterSpec spec = resolve(scope, brandOrNull, adapterIdOrNull, weightOrNull);
        if (spec == null) {
            return null;
        }
        AdapterRecord record = recordFor(scope, brandOrNull, adapterIdOrNull).orElseThrow();
        if (!record.spec().baseModel().equals(modelId)) {
            if (adapterIdOrNull != null) {
                throw AtelierException.invalidParams("adapter", "Adapter '" + record.id() + "' was trained for model '"
                        + record.spec().baseModel() + "'.");
            }
            return null;
        }
        return new Choice(record, spec);
    }

    /** The adapter record behind a resolution, for history and provenance (id and file hash). */
    public Optional<AdapterRecord> recordFor(BrandScope scope, String brandOrNull, String adapterIdOrNull) {
        if (brandOrNull == null) {
            return Optional.empty();
        }
        return adapterIdOrNull != null ? Optional.of(store.adapters().get(scope, adapterIdOrNull))
                : store.adapters().current(scope, brandOrNull);
    }

    private static AtelierException notFound() {
        return new AtelierException(ErrorCodes.NOT_FOUND, "Adapter not found.", "adapter");
    }
}
