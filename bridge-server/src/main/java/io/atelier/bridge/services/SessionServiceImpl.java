package io.atelier.bridge.services;

import io.atelier.bridge.BridgeVersion;
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
 * adapter reading {@code params.token}); this answers what the bridge offers to the caller it was built for.
 */
public final class SessionServiceImpl implements SessionService {
    private final Supplier<List<String>> capabilities;
    private final Function<Caller, List<String>> brandsVisibleTo;
    private final ClientNames clients;
    private final Caller caller;

    /** @param capabilities every method served (supplied late: the dispatcher is built after its services) */
    public SessionServiceImpl(Supplier<List<String>> capabilities, Caller caller) {
        this(capabilities, c -> c.scope().sortedBrands(), new ClientNames(), caller);
    }

    /**
     * @param capabilities    every method served
     * @param brandsVisibleTo the brand ids a caller may use, from the brand registry
     * @param clients         where the declared client names are kept (history records name the client)
     * @param caller          who calls
     */
    public SessionServiceImpl(Supplier<List<String>> capabilities, Function<Caller, List<String>> brandsVisibleTo,
                              ClientNames clients, Caller caller) {
        this.capabilities = capabilities;
        this.brandsVisibleTo = brandsVisibleTo;
        this.clients = clients;
        this.caller = caller;
    }

    @Override
    public SessionInitializeResult initialize(SessionInitializeParams params) {
        clients.declare(caller, params.clientName(), params.clientVersion());
        List<String> brands = brandsVisibleTo.apply(caller);
        return new SessionInitializeResult(BridgeVersion.current(), ProtocolVersion.CURRENT, capabilities.get(), brands);
    }
}
