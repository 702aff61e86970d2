package io.atelier.preview.render;

/** A {@code preview.render} parameter is invalid; {@link #field()} names it as the protocol's error data does. */
public final class PreviewParamsException extends IllegalArgumentException {
    private final String field;

    public PreviewParamsException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
