package io.atelier.bridge.rpc;

/**
 * Size limits on what a client may send. Each breach gets its own clear error rather than memory pressure.
 *
 * @param maxBodyBytes largest HTTP body or WebSocket message; base64 images make this megabytes, not kilobytes
 * @param maxNestingDepth deepest JSON nesting; our params are a few levels deep
 * @param maxStringLength longest JSON string (a base64 image is the longest legitimate one)
 * @param maxBatch most requests in one batch
 */
public record RpcLimits(long maxBodyBytes, int maxNestingDepth, int maxStringLength, int maxBatch) {
    public static final RpcLimits DEFAULTS = new RpcLimits(32L << 20, 64, 32 << 20, 50);

    public RpcLimits {
        if (maxBodyBytes < 1024 || maxNestingDepth < 4 || maxStringLength < 256 || maxBatch < 1) {
            throw new IllegalArgumentException("limits too small to carry any request");
        }
    }
}
