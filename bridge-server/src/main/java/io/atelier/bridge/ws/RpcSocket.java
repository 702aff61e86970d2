package io.atelier.bridge.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.NotificationSink;
import io.atelier.bridge.rpc.RpcDispatcher;
import io.atelier.bridge.security.TokenGrant;
import io.atelier.bridge.security.TokenStore;
import io.atelier.protocol.ErrorCodes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket on {@code /ws}: JSON-RPC both ways. Browsers cannot put a token in WebSocket headers, so the first
 * message must be {@code session.initialize} carrying it in {@code params.token}; anything else, a wrong token, or
 * silence past the deadline closes the socket (1008). Once in, requests go to the dispatcher with this socket as the
 * caller's notification sink, so jobs it submits or subscribes to push their notifications here. Public only because
 * Jetty invokes its listener methods reflectively.
 */
public final class RpcSocket implements Session.Listener.AutoDemanding, NotificationSink {
    private static final String INITIALIZE = "session.initialize";

    private final RpcDispatcher dispatcher;
    private final TokenStore tokens;
    private final SocketRegistry registry;
    private final ScheduledExecutorService timer;
    private final Duration authTimeout;
    private volatile Session session;
    private volatile Caller caller;
    private volatile ScheduledFuture<?> authDeadline;

    RpcSocket(RpcDispatcher dispatcher, TokenStore tokens, SocketRegistry registry, ScheduledExecutorService timer,
              Duration authTimeout) {
        this.dispatcher = dispatcher;
        this.tokens = tokens;
        this.registry = registry;
        this.timer = timer;
        this.authTimeout = authTimeout;
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        this.session = openedSession;
        authDeadline = timer.schedule(() -> {
            if (caller == null) {
                close("session.initialize with a valid token was not received in time.");
            }
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String message) {
        Caller current = caller;
        if (current == null) {
            authenticate(message);
            return;
        }
        JsonNode answer = dispatcher.dispatch(message, current);
        if (answer != null) {
            send(answer);
        }
    }

    private void authenticate(String message) {
        // Step 1: the first message must be a session.initialize request carrying a token.
        JsonNode request;
        try {
            request = dispatcher.parse(message);
        } catch (AtelierException e) {
            refuse(NullNode.getInstance(), e);
            return;
        }
        JsonNode id = request.path("id").isMissingNode() ? NullNode.getInstance() : request.get("id");
        if (!request.isObject() || !INITIALIZE.equals(request.path("method").textValue())) {
            refuse(id, AtelierException.unauthorized("The first message must be session.initialize with the token."));
            return;
        }
        // Step 2: the token, then the per-token socket cap.
        JsonNode token = request.path("params").path("token");
        Optional<TokenGrant> grant = token.isTextual() ? tokens.authenticate(token.textValue()) : Optional.empty();
        if (grant.isEmpty()) {
            refuse(id, AtelierException.unauthorized("A valid token is required in params.token."));
            return;
        }
        if (!registry.tryAdd(grant.get().tokenId(), this)) {
            refuse(id, new AtelierException(ErrorCodes.BUSY, "This token has too many open sockets; close one first."));
            return;
        }
        caller = new Caller(grant.get().tokenId(), grant.get().scope(), this);
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        // Step 3: answer the initialize itself like any other call.
        JsonNode answer = dispatcher.dispatch(request, caller);
        if (answer != null) {
            send(answer);
        }
    }

    private void refuse(JsonNode id, AtelierException failure) {
        send(dispatcher.messages().error(id, failure));
        close(failure.reason());
    }

    private void close(String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(StatusCode.POLICY_VIOLATION, reason, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        Caller current = caller;
        if (current != null) {
            registry.remove(current.tokenId(), this);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Jetty closes the socket after this; nothing from the client is logged.
    }

    @Override
    public void notify(String method, Object params) {
        send(dispatcher.messages().notification(method, params));
    }

    @Override
    public boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen();
    }

    private void send(JsonNode message) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendText(message.toString(), Callback.NOOP);
        }
    }
}
