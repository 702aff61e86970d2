package io.atelier.engine;

/** A request parameter out of range or inconsistent ({@code -32602} with {@code data.field}). */
public final class InvalidGenerationParameterException extends EngineException {
    private final String field;

    public InvalidGenerationParameterException(String field, String reason) {
        super(reason, null);
        this.field = field;
    }

    /** The request field at fault, e.g. {@code width}, {@code strength}, {@code mask}. */
    public String field() {
        return field;
    }
}
