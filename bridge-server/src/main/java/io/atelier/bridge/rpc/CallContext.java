package io.atelier.bridge.rpc;

/**
 * The caller of the RPC call being served on this thread. jsonrpc4j invokes service methods with their params only, so
 * the dispatcher publishes the caller here for the duration of each call (always cleared in a finally).
 */
public final class CallContext {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallContext() {
    }

    /** The caller of the current call; fails loudly when used outside a dispatched call. */
    public static Caller caller() {
        Caller caller = CURRENT.get();
        if (caller == null) {
            throw new IllegalStateException("No RPC call is being served on this thread");
        }
        return caller;
    }

    /** Publishes {@code caller} until the returned scope is closed. */
    static Scope enter(Caller caller) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Ends a published call. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
