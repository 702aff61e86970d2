package io.atelier.engine;

/** The caller cancelled; thrown between steps ({@code -32007}). */
public final class GenerationCancelledException extends EngineException {
    public GenerationCancelledException() {
        super("The generation was cancelled.", null);
    }
}
