package io.atelier.preview.render;

/** A preview could not be rendered (no display, GL failure, timeout). The message is safe to show a user. */
public final class PreviewRenderException extends RuntimeException {
    public PreviewRenderException(String message, Throwable cause) {
        super(message, cause);
    }

    public PreviewRenderException(String message) {
        super(message);
    }
}
