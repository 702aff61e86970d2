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
    private final ClientNames clients;

    /** @param capabilities every method served (supplied late: the dispatcher is built after its services) */
    public SessionServiceImpl(Supplier<List<String>> capabilities) {
        this(capabilities, caller -> caller.scope().sortedBrands(), new ClientNames());
    }

    /**
     * @param capabilities    every method served
     * @param brandsVisibleTo the brand ids a caller may use, from the brand registry
     * @param clients         where the declared client names are kept (history records name the client)
     */
    public SessionServiceImpl(Supplier<List<String>> capabilities, Function<Caller, List<String>> brandsVisibleTo,
                              ClientNames clients) {
        this.capabilities = capabilities;
        this.brandsVisibleTo = brandsVisibleTo;
        this.clients = clients;
    }

    @Override
    public SessionInitializeResult initialize(SessionInitializeParams params) {
        Caller caller = CallContext.caller();
        clients.declare(caller, params.clientName(), params.clientVersion());
        List<String> brands = brandsVisibleTo.apply(caller);
        return new SessionInitializeResult(BridgeVersion.current(), ProtocolVersion.CURRENT, capabilities.get(), brands);
    }
}
