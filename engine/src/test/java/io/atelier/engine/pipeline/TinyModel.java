package io.atelier.engine.pipeline;

import io.atelier.engine.model.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed tiny random-weight package, loaded for real through DJL once per test JVM and shared by the test
 * classes that only generate with it (loading is the slow part). Freed when the JVM exits.
 */
final class TinyModel {
    private static DiffusionPipeline shared;

    private TinyModel() {
    }

    static synchronized DiffusionPipeline sharedPipeline() {
        if (shared == null) {
            try {
                Path home = Files.createTempDirectory("atelier-home");
                ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
                shared = new DiffusionPipeline(LoadedModel.load(registry.open("atelier-tiny")), 16 * 64 * 64);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
