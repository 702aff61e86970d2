package io.atelier.bridge.rpc;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ErrorData;
import io.atelier.protocol.RpcError;

/**
 * An error the bridge means to tell the client about: a stable code from {@link ErrorCodes}, a reason a user can act on
 * and, for invalid params, the param path. Services, job handlers and the transports throw it; everything else that
 * escapes becomes a generic internal error (or a model failure inside a job) so that nothing leaks.
 */
public class AtelierException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String field;

    public AtelierException(int code, String reason, String field) {
        // No message for the JDK: getMessage() is never sent, so we keep the reason in its own field.
        super(reason, null, false, false);
        this.code = code;
        this.reason = reason;
        this.field = field;
    }

    public AtelierException(int code, String reason) {
        this(code, reason, null);
    }

    public static AtelierException invalidParams(String field, String reason) {
        return new AtelierException(ErrorCodes.INVALID_PARAMS, reason, field);
    }

    public static AtelierException invalidRequest(String reason) {
        return new AtelierException(ErrorCodes.INVALID_REQUEST, reason);
    }

    public static AtelierException notFound(String reason) {
        return new AtelierException(ErrorCodes.NOT_FOUND, reason);
    }

    public static AtelierException busy(String reason) {
        return new AtelierException(ErrorCodes.BUSY, reason);
    }

    public static AtelierException tooLarge(String reason) {
        return new AtelierException(ErrorCodes.TOO_LARGE, reason);
    }

    public static AtelierException unauthorized(String reason) {
        return new AtelierException(ErrorCodes.UNAUTHORIZED, reason);
    }

    public static AtelierException forbidden(String reason) {
        return new AtelierException(ErrorCodes.FORBIDDEN, reason);
    }

    public static AtelierException internal(String reason) {
        return new AtelierException(ErrorCodes.INTERNAL_ERROR, reason);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The param path, or null when the error is not about one field. */
    public String field() {
        return field;
    }

    /** This error as the protocol's error object. */
    public RpcError toRpcError() {
        return new RpcError(code, ErrorMessages.messageFor(code), new ErrorData(reason, field));
    }
}
