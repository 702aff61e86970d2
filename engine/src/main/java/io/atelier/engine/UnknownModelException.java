package io.atelier.engine;

/** A request names a model that no package provides ({@code -32004}, field {@code model}). */
public final class UnknownModelException extends EngineException {
    private final String modelId;

    public UnknownModelException(String modelId) {
        super("No model named '" + modelId + "' is installed.", null);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}
