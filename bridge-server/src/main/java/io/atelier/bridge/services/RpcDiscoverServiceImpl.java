package io.atelier.bridge.services;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.protocol.Empty;
import io.atelier.protocol.service.RpcDiscoverService;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;

/**
 * {@code rpc.discover}: the OpenRPC document the protocol module generates from its Java types at build time. It is
 * read from the classpath, never written by hand here; a build without it answers an internal error that says so.
 */
public final class RpcDiscoverServiceImpl implements RpcDiscoverService {
    public static final String RESOURCE = "io/atelier/protocol/openrpc.json";

    private final Map<String, Object> document;

    public RpcDiscoverServiceImpl(ObjectMapper mapper) {
        this.document = load(mapper);
    }

    @Override
    public Map<String, Object> discover(Empty params) {
        if (document == null) {
            throw AtelierException.internal("This bridge was built without its OpenRPC document "
                    + "(the protocol module generates it); rebuild with ./mvnw -B package.");
        }
        return document;
    }

    private static Map<String, Object> load(ObjectMapper mapper) {
        ClassLoader loader = RpcDiscoverServiceImpl.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            return Collections.unmodifiableMap(mapper.readValue(in, new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            return null;
        }
    }
}
