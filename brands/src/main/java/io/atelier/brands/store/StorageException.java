package io.atelier.brands.store;

/**
 * The database or the blob folder failed (disk full, file locked, corrupt database). Carries no path or SQL in its
 * message so that it can be reported to a client as an internal error as it is; the cause holds the details for logs.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
