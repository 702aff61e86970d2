package io.atelier.engine.sd;

/** A checkpoint whose tensors do not form the architecture it claims; the message names the tensor at fault. */
public final class LayoutException extends RuntimeException {
    public LayoutException(String message) {
        super(message);
    }
}
