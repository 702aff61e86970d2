package io.atelier.bridge.ws;

import io.atelier.bridge.rpc.RpcDispatcher;
import io.atelier.bridge.security.TokenStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Builds the Jetty handler that upgrades {@code GET /ws} to an {@link RpcSocket} and passes everything else on. */
public final class RpcWebSockets {
    private RpcWebSockets() {
    }

    /**
     * @param next the handler for every request that is not a WebSocket upgrade on {@code /ws}
     */
    public static Handler upgradeHandler(Server server, Handler next, RpcDispatcher dispatcher, TokenStore tokens,
                                         ScheduledExecutorService timer, Duration authTimeout, int maxSocketsPerToken,
                                         long maxMessageBytes) {
        SocketRegistry registry = new SocketRegistry(maxSocketsPerToken);
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(maxMessageBytes);
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(Duration.ofMinutes(30));
            container.addMapping("/ws", (request, response, callback) ->
                    new RpcSocket(dispatcher, tokens, registry, timer, authTimeout));
        });
        upgrade.setHandler(next);
        return upgrade;
    }
}
