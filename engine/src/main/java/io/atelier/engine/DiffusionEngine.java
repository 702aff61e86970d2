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

    /** The model's pipeline, loading it (hashes, shapes) if needed; null id = the default model. */
    public synchronized DiffusionPipeline pipeline(String modelIdOrNull) {
        String id = modelIdOrNull != null ? modelIdOrNull : registry.defaultModelId();
        DiffusionPipeline pipeline = loaded.get(id);
        if (pipeline == null) {
            pipeline = new DiffusionPipeline(LoadedModel.load(registry.source(id)), options.maxLatentPixelsPerForward(),
                    registry.loras());
            loaded.put(id, pipeline);
            while (loaded.size() > options.maxLoadedModels()) {
                String eldest = loaded.keySet().iterator().next();
                loaded.remove(eldest).close();
            }
        }
        return pipeline;
    }

    @Override
    public synchronized void close() {
        batcher.close();
        loaded.values().forEach(DiffusionPipeline::close);
        loaded.clear();
    }
}
