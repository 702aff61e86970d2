package io.atelier.protocol;

/** The protocol version; see CHANGELOG.md in this module. Bumped on any rename or removal. */
public final class ProtocolVersion {
    public static final String CURRENT = "1.0.0";

    private ProtocolVersion() {
    }
}
