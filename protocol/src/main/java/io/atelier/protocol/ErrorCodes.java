package io.atelier.protocol;

/** Every error code on the wire. Stable: clients switch on them. */
public final class ErrorCodes {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    /** Missing or wrong token. */
    public static final int UNAUTHORIZED = -32001;
    /** Origin, host or scope refused. */
    public static final int FORBIDDEN = -32003;
    /** Absent, or not visible to this token (the two are never told apart). */
    public static final int NOT_FOUND = -32004;
    /** Body, image, batch or string over its limit. */
    public static final int TOO_LARGE = -32005;
    /** Queue full for this token. */
    public static final int BUSY = -32006;
    /** The job was cancelled. */
    public static final int CANCELLED = -32007;
    /** The model failed (out of memory included); the bridge stays up. */
    public static final int MODEL_FAILURE = -32010;
    /** Not a PNG/JPEG, or undecodable. */
    public static final int INVALID_IMAGE = -32011;

    private ErrorCodes() {
    }
}
