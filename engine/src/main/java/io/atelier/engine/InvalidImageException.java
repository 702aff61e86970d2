package io.atelier.engine;

/** Image bytes that are not a PNG or JPEG, or cannot be decoded ({@code -32011}). */
public final class InvalidImageException extends EngineException {
    private final String field;

    public InvalidImageException(String field, String reason) {
        super(reason, null);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
