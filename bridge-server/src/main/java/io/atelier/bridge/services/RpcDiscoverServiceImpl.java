package io.atelier.bridge.services;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.protocol.Empty;
import io.atelier.protocol.service.RpcDiscoverService;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code rpc.discover}: the OpenRPC document the protocol module generates from its Java types at build time, with
 * only the methods this bridge serves (a bridge without an engine, or a method withheld until it lands, is not
 * advertised: the document and {@code session.initialize}'s capabilities agree). It is read from the classpath, never
 * written by hand here; a build without it answers an internal error that says so.
 */
public final class RpcDiscoverServiceImpl implements RpcDiscoverService {
    public static final String RESOURCE = "io/atelier/protocol/openrpc.json";

    private final Map<String, Object> document;
    private final Supplier<? extends Collection<String>> served;

    /** @param served the names of the methods the bridge answers, read at each call */
    public RpcDiscoverServiceImpl(ObjectMapper mapper, Supplier<? extends Collection<String>> served) {
        this.document = load(mapper);
        this.served = served;
    }

    @Override
    public Map<String, Object> discover(Empty params) {
        if (document == null) {
            throw AtelierException.internal("This bridge was built without its OpenRPC document "
                    + "(the protocol module generates it); rebuild with ./mvnw -B package.");
        }
        Set<String> names = Set.copyOf(served.get());
        Map<String, Object> answered = new LinkedHashMap<>(document);
        if (document.get("methods") instanceof List<?> methods) {
            answered.put("methods", methods.stream()
                    .filter(m -> m instanceof Map<?, ?> method && names.contains(String.valueOf(method.get("name"))))
                    .toList());
        }
        return Collections.unmodifiableMap(answered);
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
