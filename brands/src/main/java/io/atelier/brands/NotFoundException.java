package io.atelier.brands;

/**
 * Nothing with that id exists in the caller's scope. Thrown the same way whether the row is truly absent or belongs
 * to a brand the caller may not see, so that existence never leaks across brands. Maps to {@code -32004}.
 */
public final class NotFoundException extends RuntimeException {

    private final String field;

    /**
     * @param what  what was looked for, e.g. {@code brand}, {@code dataset item}
     * @param field the request field that named it, e.g. {@code brand}, {@code itemId}
     */
    public NotFoundException(String what, String field) {
        super("no such " + what);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
