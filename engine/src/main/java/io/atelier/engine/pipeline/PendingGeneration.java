package io.atelier.engine.pipeline;

import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationResult;
import io.atelier.engine.GenerationSettings;
import java.util.concurrent.CompletableFuture;

/** One request waiting for, or taking part in, a batched run. */
public record PendingGeneration(
        GenerationRequest request,
        GenerationSettings settings,
        GenerationListener listener,
        CompletableFuture<GenerationResult> result) {
}
