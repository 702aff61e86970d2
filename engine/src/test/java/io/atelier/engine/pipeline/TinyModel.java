package io.atelier.engine.pipeline;

import io.atelier.engine.model.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed tiny random-weight package, loaded for real through DJL once per test class that asks. */
final class TinyModel {
    private TinyModel() {
    }

    static DiffusionPipeline loadPipeline() {
        try {
            Path home = Files.createTempDirectory("atelier-home");
            ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
            return new DiffusionPipeline(LoadedModel.load(registry.open("atelier-tiny")), 16 * 64 * 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
