package io.atelier.engine;

/**
 * Base of the engine's typed failures. The message is a sentence safe to show a user: no stack trace, class name
 * or filesystem path.
 */
public abstract class EngineException extends RuntimeException {
    protected EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
