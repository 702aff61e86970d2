package io.atelier.bridge.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Closes HTTP connections that sit between requests for longer than {@link ConnectionLimits#requestHeadTimeout()}:
 * from the opening, or the end of the last response, to a request whose head is complete. Jetty's idle timeout alone
 * lets a client that sends a header byte now and then (slowloris) keep a connection for ever; this does not, and it
 * also retires idle keep-alive connections. It listens to the HTTP/1.1 connection factory only, so a connection
 * upgraded to a WebSocket leaves its watch (sockets have their own authentication deadline).
 */
final class ConnectionDeadlines implements Connection.Listener {
    private static final long SWEEP_MILLIS = 250;

    private final long timeoutNanos;
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;

    /** One connection: serving a request now, or waiting since {@code idleSinceNanos} for the next one's head. */
    private static final class Watch {
        volatile boolean serving;
        volatile long idleSinceNanos = System.nanoTime();
    }

    ConnectionDeadlines(Duration requestHeadTimeout) {
        this.timeoutNanos = requestHeadTimeout.toNanos();
    }

    void start(ScheduledExecutorService timer) {
        sweeper = timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }

    @Override
    public void onOpened(Connection connection) {
        watched.put(connection, new Watch());
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    /** Wraps the server's handler so that each request marks its connection busy until its response is complete. */
    Handler watching(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Watch watch = watched.get(request.getConnectionMetaData().getConnection());
                if (watch != null) {
                    watch.serving = true;
                    Request.addCompletionListener(request, failure -> {
                        watch.idleSinceNanos = System.nanoTime();
                        watch.serving = false;
                    });
                }
                return super.handle(request, response, callback);
            }
        };
    }

    private void sweep() {
        long now = System.nanoTime();
        watched.forEach((connection, watch) -> {
            if (connection.getEndPoint().getConnection() != connection) {
                watched.remove(connection); // upgraded (a WebSocket): no longer an HTTP connection
            } else if (!watch.serving && now - watch.idleSinceNanos > timeoutNanos) {
                watched.remove(connection);
                connection.getEndPoint().close();
            }
        });
    }
}
