package io.atelier.bridge.http;

import java.io.IOException;

/** A request body that arrived more slowly than {@link ConnectionLimits} allows. */
final class SlowBodyException extends IOException {
    SlowBodyException() {
        super("request body too slow", null);
    }
}
