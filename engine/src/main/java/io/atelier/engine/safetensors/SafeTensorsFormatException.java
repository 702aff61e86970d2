package io.atelier.engine.safetensors;

/** A file that is not valid safetensors; the message is a sentence for the user that names no path. */
public final class SafeTensorsFormatException extends RuntimeException {
    public SafeTensorsFormatException(String message) {
        super(message);
    }
}
