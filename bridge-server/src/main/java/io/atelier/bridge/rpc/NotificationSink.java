package io.atelier.bridge.rpc;

/**
 * Where server-pushed notifications go: a WebSocket today. Sending never blocks the caller and never throws; a sink
 * whose connection has gone simply drops what it is given.
 */
public interface NotificationSink {
    /** Sends the notification {@code method} with {@code params} (a protocol record). */
    void notify(String method, Object params);

    /** False once the connection behind the sink has closed. */
    boolean isOpen();
}
