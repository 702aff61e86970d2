package io.atelier.bridge.generate;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.engine.model.ModelManifest;
import io.atelier.protocol.ErrorCodes;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.model.ModelRegistry;
import java.nio.file.Path;

/**
 * The diffusion engine a bridge serves: packages under {@code <home>/models/} plus the embedded ones. The default is
 * the trained atelier-micro when its package is on the classpath (the micro module's jar), else the engine's tiny
 * random-weight model; so the default switches by itself the day atelier-micro's package ships.
 */
public final class GenerationEngines {
    /** Where the micro module embeds the trained default model. */
    public static final String MICRO_MODEL_FOLDER = "/io/atelier/micro/model/atelier-micro";

    private GenerationEngines() {
    }

    public static DiffusionEngine open(Path home) {
        return open(home, null);
    }

    /**
     * @param defaultModel the model used when a request names none (e.g. one exported under {@code <home>/models});
     *                     null for the embedded default. An unknown id fails here, before the bridge starts.
     */
    public static DiffusionEngine open(Path home, String defaultModel) {
        ModelRegistry registry = ModelRegistry.forHome(home);
        registerMicroIfPresent(registry, GenerationEngines.class.getClassLoader());
        if (defaultModel != null) {
            registry.setDefault(defaultModel);
        }
        return DiffusionEngine.open(registry);
    }

    /**
     * The model a request names, or the default: a package copied into {@code <home>/models} since the last look is
     * found by a rescan; none answers not found with field {@code model}.
     */
    public static ModelManifest manifest(DiffusionEngine engine, String modelOrNull) {
        String id = modelOrNull != null ? modelOrNull : engine.models().defaultModelId();
        var manifest = engine.models().manifest(id);
        if (manifest.isEmpty()) {
            engine.models().rescan();
            manifest = engine.models().manifest(id);
        }
        return manifest.orElseThrow(() -> new AtelierException(ErrorCodes.NOT_FOUND,
                "No model named '" + id + "' is installed.", "model"));
    }

    /** Registers atelier-micro as the default when its package is on the classpath; returns whether it was. */
    static boolean registerMicroIfPresent(ModelRegistry registry, ClassLoader loader) {
        if (loader.getResource(MICRO_MODEL_FOLDER.substring(1) + "/model.json") == null) {
            return false;
        }
        registry.registerEmbedded(loader, MICRO_MODEL_FOLDER, true);
        return true;
    }
}
