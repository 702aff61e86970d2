package io.atelier.engine.sd;

/** A LoRA file that cannot be applied to a model; the message says why, naming the module or key at fault. */
public final class LoraException extends RuntimeException {
    public LoraException(String message) {
        super(message);
    }
}
