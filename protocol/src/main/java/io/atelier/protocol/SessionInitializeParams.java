package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Params of {@code session.initialize}: who is calling. On the WebSocket the token travels here, since browsers cannot set headers there.
 *
 * @param clientName e.g. {@code atelier-krita}
 * @param clientVersion the client's own version
 * @param token bearer token; required on the WebSocket, ignored over HTTP where the header carries it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionInitializeParams(
        String clientName,
        String clientVersion,
        String token) {
}
