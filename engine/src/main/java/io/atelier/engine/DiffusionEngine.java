package io.atelier.engine;

import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.pipeline.DiffusionPipeline;
import io.atelier.engine.pipeline.GenerationBatcher;
import io.atelier.engine.pipeline.LoadedModel;
import io.atelier.engine.pipeline.RequestResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The engine's front door: the installed models, their pipelines (loaded on first use, kept up to
 * {@link EngineOptions#maxLoadedModels()}), and one batching worker shared by every caller. Thread-safe; callers
 * (the bridge's job threads) block in {@link #generate} while compatible concurrent requests share UNet forwards.
 */
public final class DiffusionEngine implements AutoCloseable {
    private final ModelRegistry registry;
    private final EngineOptions options;
    private final GenerationBatcher batcher;
    private final Map<String, DiffusionPipeline> loaded = new LinkedHashMap<>(4, 0.75f, true);
    private final Map<String, String> loadedRevisions = new java.util.HashMap<>();

    /** The engine every command and the bridge open: default options, caching where the registry caches. */
    public static DiffusionEngine open(ModelRegistry registry) {
        return new DiffusionEngine(registry, EngineOptions.defaults(registry.cacheDir()));
    }

    public DiffusionEngine(ModelRegistry registry, EngineOptions options) {
        this.registry = registry;
        this.options = options;
        this.batcher = new GenerationBatcher(options.batchWindow(), options.maxImagesPerBatch());
    }

    public ModelRegistry models() {
        return registry;
    }

    /**
     * Checks a request against its model's limits without loading it: call it when the job is submitted so a bad
     * request answers -32602 at once.
     */
    public GenerationSettings validate(GenerationRequest request) {
        String id = request.model() != null ? request.model() : registry.defaultModelId();
        ModelManifest manifest = registry.manifest(id).orElseThrow(() -> new UnknownModelException(id));
        return RequestResolver.resolve(request, manifest, registry.loras());
    }

    /** Generates, blocking the caller; batched with compatible concurrent requests. */
    public GenerationResult generate(GenerationRequest request, GenerationListener listener) {
        try {
            return submit(request, listener).get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new ModelFailureException(String.valueOf(request.model()), "The generation failed.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException();
        }
    }

    public CompletableFuture<GenerationResult> submit(GenerationRequest request, GenerationListener listener) {
        return batcher.submit(pipeline(request.model()), request, listener);
    }

    /**
     * The model's pipeline, loading it (hashes, shapes) if needed; null id = the default model. A model the registry
     * no longer lists (its file removed, then a rescan) is unknown even if its pipeline is still loaded: that pipeline
     * is unloaded once the batch it may be running ends, and a model whose file vanished before a rescan noticed is
     * unknown too, not a load failure.
     */
    public synchronized DiffusionPipeline pipeline(String modelIdOrNull) {
        String id = modelIdOrNull != null ? modelIdOrNull : registry.defaultModelId();
        if (registry.manifest(id).isEmpty()) {
            DiffusionPipeline vanished = loaded.remove(id);
            if (vanished != null) {
                vanished.close(); // waits for a batch in flight on it
            }
            throw new UnknownModelException(id);
        }
        DiffusionPipeline pipeline = loaded.get(id);
        String revision = registry.revision(id);
        if (pipeline != null && !revision.equals(loadedRevisions.get(id))) {
            // The file was replaced under the same name: its new weights are another model.
            loaded.remove(id).close();
            pipeline = null;
        }
        if (pipeline == null) {
            pipeline = new DiffusionPipeline(load(id), options.maxLatentPixelsPerForward(), registry.loras());
            loaded.put(id, pipeline);
            loadedRevisions.put(id, revision);
            while (loaded.size() > options.maxLoadedModels()) {
                String eldest = loaded.keySet().iterator().next();
                loaded.remove(eldest).close();
            }
        }
        return pipeline;
    }

    private LoadedModel load(String id) {
        try {
            return LoadedModel.load(registry.source(id));
        } catch (ModelLoadException e) {
            registry.rescan(); // the file may have been removed since the last look
            if (registry.manifest(id).isEmpty()) {
                throw new UnknownModelException(id);
            }
            throw e;
        }
    }

    /** The models whose pipelines are loaded now (warm: a request for them pays no load). */
    public synchronized java.util.Set<String> loadedModelIds() {
        return java.util.Set.copyOf(loaded.keySet());
    }

    @Override
    public synchronized void close() {
        batcher.close();
        loaded.values().forEach(DiffusionPipeline::close);
        loaded.clear();
    }
}
