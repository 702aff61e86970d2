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

    /** kohya LoRA A for the tiny checkpoint (F16, rank 4, alpha 2), tools/sd/make_tiny_lora.py. */
    public static Path loraA() {
        return resource("tiny-lora-a.safetensors");
    }

    /** kohya LoRA B (BF16, rank 2, alpha on some modules only), overlapping A. */
    public static Path loraB() {
        return resource("tiny-lora-b.safetensors");
    }

    /** The reference outputs with A, A at 0.5 and A + B merged into the weights. */
    public static Path loraFixtures() {
        return resource("tiny-lora-fixtures.safetensors");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TinyCheckpoint.class.getResource("/io/atelier/engine/sd/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing (tools/sd/ makes it)", e);
        }
    }
}
