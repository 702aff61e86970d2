package io.atelier.bridge.generate;

import io.atelier.bridge.models.ModelCatalog;
import io.atelier.engine.model.ModelDescriptor;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.upscale.UpscalerPackage;
import io.atelier.protocol.DrawableSize;
import io.atelier.protocol.ModelInfo;
import io.atelier.protocol.ModelKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code models.list} from the engine's registry: re-scans {@code <home>/models} (package manifests and checkpoint
 * headers, nothing more) so that a model dropped in while the bridge runs shows up and a removed one goes. A rescan
 * only replaces the registry's tables (under its lock); a generation in flight keeps the pipeline it loaded.
 */
public final class EngineModelCatalog implements ModelCatalog {
    private final ModelRegistry registry;
    private final java.util.function.Supplier<java.util.Set<String>> warm;

    public EngineModelCatalog(ModelRegistry registry) {
        this(registry, java.util.Set::of);
    }

    /** @param warm the models loaded now (the engine's {@code loadedModelIds}) */
    public EngineModelCatalog(ModelRegistry registry, java.util.function.Supplier<java.util.Set<String>> warm) {
        this.registry = registry;
        this.warm = warm;
    }

    @Override
    public java.util.Set<String> warmModelIds() {
        return warm.get();
    }

    @Override
    public List<ModelInfo> models() {
        registry.rescan();
        List<ModelDescriptor> all = new ArrayList<>(registry.list());
        all.sort(Comparator.comparing((ModelDescriptor d) -> !d.isDefault()).thenComparing(ModelDescriptor::id));
        List<ModelInfo> models = new ArrayList<>(all.stream().map(d -> new ModelInfo(d.id(), ModelKind.DIFFUSION,
                d.nativeWidth(), d.nativeHeight(), d.isDefault(), d.displayName(), d.family(), d.drawableSizes()
                        .stream().map(s -> new DrawableSize(s.width(), s.height())).toList())).toList());
        // Upscalers never answer for a request naming no model: isDefault stays for diffusion models.
        for (UpscalerPackage upscaler : UpscalerPackage.installedPackages()) {
            models.add(new ModelInfo(upscaler.id(), ModelKind.UPSCALER, upscaler.patchSize(4),
                    upscaler.patchSize(4), false, upscaler.displayName(), upscaler.architecture(), null));
        }
        return models;
    }

    @Override
    public List<String> problems() {
        return registry.problems();
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
