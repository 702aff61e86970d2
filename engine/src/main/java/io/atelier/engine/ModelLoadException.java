package io.atelier.engine;

/**
 * A model package that cannot be used: unreadable or unsupported {@code model.json}, a component whose sha256
 * differs, a component that does not load or answers with the wrong shapes ({@code -32010} on the wire). The
 * message names the model and the component.
 */
public final class ModelLoadException extends EngineException {
    private final String modelId;

    public ModelLoadException(String modelId, String reason, Throwable cause) {
        super(reason, cause);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}
