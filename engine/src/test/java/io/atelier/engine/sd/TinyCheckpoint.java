package io.atelier.engine.sd;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The scaled-down SD-1.5-layout checkpoint and its reference outputs, test resources made by tools/sd/. */
public final class TinyCheckpoint {
    private TinyCheckpoint() {
    }

    public static Path path() {
        return resource("tiny-sd15.safetensors");
    }

    public static Path fixtures() {
        return resource("tiny-sd15-fixtures.safetensors");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TinyCheckpoint.class.getResource("/io/atelier/engine/sd/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing (tools/sd/ makes it)", e);
        }
    }
}
