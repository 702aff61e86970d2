package io.atelier.brands;

/**
 * Input that breaks a rule of the brand domain. Carries the offending field as a path into the request
 * ({@code id}, {@code palette[2].hex}, {@code vocabulary[0].canonical}) and a sentence a designer can act on; the
 * bridge maps it to JSON-RPC {@code -32602} with {@code data.field}.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** Path of the offending field, or null when the input as a whole is at fault. */
    public String field() {
        return field;
    }

    /** The human sentence, without the field. */
    public String reason() {
        return getMessage();
    }
}
