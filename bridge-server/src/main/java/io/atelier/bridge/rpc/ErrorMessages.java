package io.atelier.bridge.rpc;

import io.atelier.protocol.ErrorCodes;

/** The short {@code error.message} for each code; the sentence that helps the user goes in {@code data.reason}. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String messageFor(int code) {
        return switch (code) {
            case ErrorCodes.PARSE_ERROR -> "Parse error";
            case ErrorCodes.INVALID_REQUEST -> "Invalid request";
            case ErrorCodes.METHOD_NOT_FOUND -> "Method not found";
            case ErrorCodes.INVALID_PARAMS -> "Invalid params";
            case ErrorCodes.INTERNAL_ERROR -> "Internal error";
            case ErrorCodes.UNAUTHORIZED -> "Unauthorized";
            case ErrorCodes.FORBIDDEN -> "Forbidden";
            case ErrorCodes.NOT_FOUND -> "Not found";
            case ErrorCodes.TOO_LARGE -> "Too large";
            case ErrorCodes.BUSY -> "Busy";
            case ErrorCodes.CANCELLED -> "Cancelled";
            case ErrorCodes.MODEL_FAILURE -> "Model failure";
            case ErrorCodes.INVALID_IMAGE -> "Invalid image";
            default -> "Error";
        };
    }

    /** A reason for errors that jsonrpc4j raises itself without one. */
    public static String defaultReasonFor(int code) {
        return switch (code) {
            case ErrorCodes.PARSE_ERROR -> "The request is not valid JSON.";
            case ErrorCodes.INVALID_REQUEST -> "The request is not a valid JSON-RPC 2.0 request.";
            case ErrorCodes.METHOD_NOT_FOUND -> "No such method.";
            case ErrorCodes.INVALID_PARAMS -> "The params do not fit this method: send one params object.";
            default -> "The bridge could not handle this request; the cause has been logged on the bridge.";
        };
    }
}
