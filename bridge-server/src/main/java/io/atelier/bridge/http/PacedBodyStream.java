package io.atelier.bridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;

/**
 * A request body as a blocking stream that never waits past a deadline: after a grace period the body must keep an
 * average rate, so a client trickling a byte now and then (or sending nothing) holds a thread for about the grace
 * period, not for ever. Jetty 12 keeps {@code HttpConfiguration.minRequestDataRate} but does not enforce it, hence
 * this. {@code onEnd} runs once, when the body has been read to its end or reading it failed.
 */
final class PacedBodyStream extends InputStream {
    private final Content.Source source;
    private final long startNanos = System.nanoTime();
    private final long graceNanos;
    private final long minBytesPerSecond;
    private Runnable onEnd;
    private Content.Chunk chunk;
    private long received;
    private boolean ended;

    PacedBodyStream(Content.Source source, ConnectionLimits limits, Runnable onEnd) {
        this.source = source;
        this.graceNanos = limits.bodyGrace().toNanos();
        this.minBytesPerSecond = limits.minBodyBytesPerSecond();
        this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (chunk != null) {
                ByteBuffer bytes = chunk.getByteBuffer();
                if (bytes.hasRemaining()) {
                    int n = Math.min(length, bytes.remaining());
                    bytes.get(buffer, offset, n);
                    return n;
                }
                boolean last = chunk.isLast();
                chunk.release();
                chunk = null;
                if (last) {
                    end();
                }
            }
            if (ended) {
                return -1;
            }
            try {
                chunk = nextChunk();
            } catch (IOException | RuntimeException e) {
                end();
                throw e;
            }
        }
    }

    private Content.Chunk nextChunk() throws IOException {
        while (true) {
            Content.Chunk next = source.read();
            if (next != null) {
                if (Content.Chunk.isFailure(next)) {
                    Throwable failure = next.getFailure();
                    throw failure instanceof IOException io ? io : new IOException(failure);
                }
                received += next.remaining();
                return next;
            }
            // Step 1: nothing yet. Wait at most until the body would fall under the minimum rate.
            long waitNanos = deadlineNanos() - System.nanoTime();
            if (waitNanos <= 0) {
                throw new SlowBodyException();
            }
            CountDownLatch ready = new CountDownLatch(1);
            source.demand(ready::countDown);
            try {
                if (!ready.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    throw new SlowBodyException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a request body");
            }
        }
    }

    /** When the next byte must have come: the grace period plus the time the bytes so far earn at the minimum rate. */
    private long deadlineNanos() {
        return startNanos + graceNanos + (long) (received * 1e9 / minBytesPerSecond);
    }

    private void end() {
        ended = true;
        if (onEnd != null) {
            Runnable run = onEnd;
            onEnd = null;
            run.run();
        }
    }

    @Override
    public void close() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        if (!ended) {
            end();
        }
    }
}
