package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A JSON-RPC error object as carried inside job records and notifications.
 *
 * @param code one of {@link ErrorCodes}
 * @param message short message
 * @param data details
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RpcError(
        int code,
        String message,
        ErrorData data) {
}
