package io.atelier.brands;

/**
 * The act needs the admin token (creating or deleting a brand): a scoped caller cannot widen or end its own scope.
 * Maps to {@code -32003} forbidden; it reveals nothing about which brands exist.
 */
public final class AdminOnlyException extends RuntimeException {
    public AdminOnlyException(String reason) {
        super(reason);
    }
}
