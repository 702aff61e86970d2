package io.atelier.bridge.generate;

import io.atelier.bridge.models.ModelCatalog;
import io.atelier.engine.model.ModelDescriptor;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.protocol.ModelInfo;
import io.atelier.protocol.ModelKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code models.list} from the engine's registry: re-scans {@code <home>/models} so new folders show up. */
public final class EngineModelCatalog implements ModelCatalog {
    private final ModelRegistry registry;

    public EngineModelCatalog(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<ModelInfo> models() {
        registry.rescan();
        List<ModelDescriptor> all = new ArrayList<>(registry.list());
        all.sort(Comparator.comparing((ModelDescriptor d) -> !d.isDefault()).thenComparing(ModelDescriptor::id));
        return all.stream().map(d -> new ModelInfo(d.id(), ModelKind.DIFFUSION, d.nativeWidth(), d.nativeHeight(),
                d.isDefault())).toList();
    }

    @Override
    public Optional<String> family(String modelIdOrNull) {
        String id = modelIdOrNull != null ? modelIdOrNull : registry.defaultModelId();
        var manifest = registry.manifest(id);
        if (manifest.isEmpty()) {
            registry.rescan(); // a package copied into <home>/models since the last look
            manifest = registry.manifest(id);
        }
        return manifest.map(ModelManifest::family);
    }
}
