package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
        @JsonProperty(required = true) String message,
        ErrorData data) {
}
