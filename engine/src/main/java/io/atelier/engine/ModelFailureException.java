package io.atelier.engine;

/**
 * The model failed while generating, out of memory included ({@code -32010}). The engine stays usable: the next
 * request runs normally.
 */
public final class ModelFailureException extends EngineException {
    private final String modelId;

    public ModelFailureException(String modelId, String reason, Throwable cause) {
        super(reason, cause);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}
