package io.atelier.bridge.http;

import java.io.IOException;

/** The request body passed its limit while being read. */
final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
        super("request body over its limit", null);
    }
}
