package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.SessionInitializeParams;
import io.atelier.protocol.SessionInitializeResult;

/** {@code session.*}: the handshake. */
@RpcService("session")
public interface SessionService {
    /**
     * Says who the client is and returns what the bridge offers. Over the WebSocket it must be the first message, with
     * the token in its params, within 5 seconds of connecting, or the socket is closed.
     */
    @RpcDescription("Says who the client is and returns what the bridge offers; first message on the WebSocket, with the token.")
    @RpcErrors({ErrorCodes.UNAUTHORIZED})
    SessionInitializeResult initialize(SessionInitializeParams params);
}
