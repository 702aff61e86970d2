package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code session.initialize}.
 *
 * @param serverVersion the bridge's version
 * @param protocolVersion see {@link ProtocolVersion}
 * @param capabilities method names this bridge serves
 * @param brands brand ids the token may use
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionInitializeResult(
        @JsonProperty(required = true) String serverVersion,
        @JsonProperty(required = true) String protocolVersion,
        @JsonProperty(required = true) List<String> capabilities,
        @JsonProperty(required = true) List<String> brands) {
}
