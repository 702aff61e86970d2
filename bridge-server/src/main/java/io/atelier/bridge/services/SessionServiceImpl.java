package io.atelier.bridge.services;

import io.atelier.bridge.BridgeVersion;
import io.atelier.bridge.rpc.CallContext;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ProtocolVersion;
import io.atelier.protocol.SessionInitializeParams;
import io.atelier.protocol.SessionInitializeResult;
import io.atelier.protocol.service.SessionService;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code session.initialize}. Authentication happened before the call reached here (the HTTP header, or the WebSocket
 * adapter reading {@code params.token}); this answers what the bridge offers to this caller.
 */
public final class SessionServiceImpl implements SessionService {
    private final Supplier<List<String>> capabilities;
    private final Function<Caller, List<String>> brandsVisibleTo;

    /** @param capabilities every method served (supplied late: the dispatcher is built after its services) */
    public SessionServiceImpl(Supplier<List<String>> capabilities) {
        this(capabilities, caller -> caller.scope().sortedBrands());
    }

    /**
     * @param capabilities    every method served
     * @param brandsVisibleTo the brand ids a caller may use, from the brand registry
     */
    public SessionServiceImpl(Supplier<List<String>> capabilities, Function<Caller, List<String>> brandsVisibleTo) {
        this.capabilities = capabilities;
        this.brandsVisibleTo = brandsVisibleTo;
    }

    @Override
    public SessionInitializeResult initialize(SessionInitializeParams params) {
        Caller caller = CallContext.caller();
        List<String> brands = brandsVisibleTo.apply(caller);
        return new SessionInitializeResult(BridgeVersion.current(), ProtocolVersion.CURRENT, capabilities.get(), brands);
    }
}
