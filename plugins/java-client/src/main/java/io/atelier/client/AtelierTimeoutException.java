package io.atelier.client;

/** An answer or a job's end did not arrive in the time the caller allowed. The work may still go on in the bridge. */
public class AtelierTimeoutException extends RuntimeException {
    public AtelierTimeoutException(String message) {
        super(message);
    }
}
