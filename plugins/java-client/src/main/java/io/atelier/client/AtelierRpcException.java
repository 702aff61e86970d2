package io.atelier.client;

import io.atelier.protocol.ErrorCodes;

/**
 * The bridge answered with an error: a JSON-RPC error object, or an HTTP refusal before JSON-RPC was reached (a bad
 * token, a body over the limit). Switch on {@link #code()}; show {@link #reason()} to the user.
 */
public class AtelierRpcException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String field;
    private final int httpStatus;

    /**
     * @param code one of {@link ErrorCodes}
     * @param message the error's short message, e.g. {@code Invalid params}
     * @param reason the sentence from {@code error.data.reason}; may be null
     * @param field the param path from {@code error.data.field}; null when not about one field
     * @param httpStatus the HTTP status of the answer; 0 over the WebSocket
     */
    public AtelierRpcException(int code, String message, String reason, String field, int httpStatus) {
        super(describe(code, message, reason, field));
        this.code = code;
        this.reason = reason;
        this.field = field;
        this.httpStatus = httpStatus;
    }

    /** One of {@link ErrorCodes}. */
    public int code() {
        return code;
    }

    /** A sentence a user can act on; falls back to the short message when the bridge gave none. */
    public String reason() {
        return reason;
    }

    /** The param path the error is about, e.g. {@code width}; null when not about one field. */
    public String field() {
        return field;
    }

    /** The HTTP status of the answer (200 for most JSON-RPC errors, 401, 403, 413…); 0 over the WebSocket. */
    public int httpStatus() {
        return httpStatus;
    }

    private static String describe(int code, String message, String reason, String field) {
        StringBuilder text = new StringBuilder().append(code).append(' ').append(message == null ? "error" : message);
        if (reason != null) {
            text.append(": ").append(reason);
        }
        if (field != null) {
            text.append(" (field ").append(field).append(')');
        }
        return text.toString();
    }
}
