package io.atelier.protocol.service;

import io.atelier.protocol.Empty;
import java.util.Map;

/** {@code rpc.discover}: the OpenRPC document, generated from this module's types at build time. */
@RpcService("rpc")
public interface RpcDiscoverService {
    /** Returns the OpenRPC 1.2 document describing every method, its params, result and errors. */
    @RpcDescription("Returns this OpenRPC document.")
    Map<String, Object> discover(Empty params);
}
