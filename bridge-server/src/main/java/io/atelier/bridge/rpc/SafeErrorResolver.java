package io.atelier.bridge.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.jsonrpc4j.ErrorResolver;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ErrorData;
import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces jsonrpc4j's default resolver, which sends exception messages and class names to the client. Here an
 * {@link AtelierException} becomes its own code and reason; anything else is an internal error whose details stay in
 * the bridge's log (with the method name, never the params).
 */
final class SafeErrorResolver implements ErrorResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SafeErrorResolver.class);

    @Override
    public JsonError resolveError(Throwable thrown, Method method, List<JsonNode> arguments) {
        if (thrown instanceof AtelierException e) {
            return new JsonError(e.code(), ErrorMessages.messageFor(e.code()), new ErrorData(e.reason(), e.field()));
        }
        LOG.warn("Unexpected failure while serving {}", method == null ? "a call" : method.getName(), thrown);
        return new JsonError(ErrorCodes.INTERNAL_ERROR, ErrorMessages.messageFor(ErrorCodes.INTERNAL_ERROR),
                new ErrorData(ErrorMessages.defaultReasonFor(ErrorCodes.INTERNAL_ERROR), null));
    }
}
