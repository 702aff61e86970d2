package io.atelier.engine;

/** An image whose header declares more pixels than allowed; detected before decoding ({@code -32005}). */
public final class ImageTooLargeException extends EngineException {
    private final String field;

    public ImageTooLargeException(String field, String reason) {
        super(reason, null);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
