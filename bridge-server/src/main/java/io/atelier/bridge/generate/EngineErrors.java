package io.atelier.bridge.generate;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.engine.GenerationCancelledException;
import io.atelier.engine.ImageTooLargeException;
import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.InvalidImageException;
import io.atelier.engine.ModelFailureException;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.UnknownModelException;
import io.atelier.protocol.ErrorCodes;

/** The engine's typed failures as protocol errors (docs/models.md §4). Engine messages are user sentences already. */
final class EngineErrors {
    private EngineErrors() {
    }

    /** The protocol error for {@code e}, or null when it is not one of the engine's typed failures. */
    static AtelierException map(RuntimeException e) {
        if (e instanceof InvalidGenerationParameterException p) {
            return AtelierException.invalidParams(p.field(), p.getMessage());
        }
        if (e instanceof InvalidImageException i) {
            return new AtelierException(ErrorCodes.INVALID_IMAGE, i.getMessage(), i.field());
        }
        if (e instanceof ImageTooLargeException t) {
            return new AtelierException(ErrorCodes.TOO_LARGE, t.getMessage(), t.field());
        }
        if (e instanceof UnknownModelException u) {
            return new AtelierException(ErrorCodes.NOT_FOUND, u.getMessage(), "model");
        }
        if (e instanceof ModelLoadException || e instanceof ModelFailureException) {
            return new AtelierException(ErrorCodes.MODEL_FAILURE, e.getMessage());
        }
        if (e instanceof GenerationCancelledException) {
            return new AtelierException(ErrorCodes.CANCELLED, e.getMessage());
        }
        return null;
    }

    /** {@link #map} or {@code e} itself. */
    static RuntimeException translate(RuntimeException e) {
        AtelierException mapped = map(e);
        return mapped != null ? mapped : e;
    }
}
