package io.atelier.bridge.services;

import io.atelier.bridge.BridgeVersion;
import io.atelier.bridge.rpc.CallContext;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ProtocolVersion;
import io.atelier.protocol.SessionInitializeParams;
import io.atelier.protocol.SessionInitializeResult;
import io.atelier.protocol.service.SessionService;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code session.initialize}. Authentication happened before the call reached here (the HTTP header, or the WebSocket
 * adapter reading {@code params.token}); this answers what the bridge offers to this caller.
 */
public final class SessionServiceImpl implements SessionService {
    private final Supplier<List<String>> capabilities;

    /** @param capabilities every method served (supplied late: the dispatcher is built after its services) */
    public SessionServiceImpl(Supplier<List<String>> capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public SessionInitializeResult initialize(SessionInitializeParams params) {
        Caller caller = CallContext.caller();
        // The admin token is not limited to a list of brands; brand ids it may use come from the brand registry.
        List<String> brands = caller.scope().sortedBrands();
        return new SessionInitializeResult(BridgeVersion.current(), ProtocolVersion.CURRENT, capabilities.get(), brands);
    }
}
