package io.atelier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.sd.TinyCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint file removed from {@code <home>/models/} while the engine runs is an unknown model (-32004 on field
 * {@code model} at the bridge), whether its pipeline was loaded or not, and never a stale pipeline or a load failure.
 */
class CheckpointRemovalTest {
    @TempDir
    Path home;

    private DiffusionEngine engineWith(String... fileNames) throws IOException {
        Files.createDirectories(home.resolve("models"));
        for (String name : fileNames) {
            Files.copy(TinyCheckpoint.path(), home.resolve("models").resolve(name));
        }
        return new DiffusionEngine(new ModelRegistry(home, home.resolve("cache")),
                EngineOptions.defaults(home.resolve("cache")));
    }

    private static GenerationRequest request(String model) {
        return GenerationRequest.of("dress").withModel(model).withSize(64, 64).withSteps(1).withSeed(1L);
    }

    @Test
    void a_loaded_checkpoint_removed_then_rescanned_is_unknown_and_the_others_still_generate() throws IOException {
        try (DiffusionEngine engine = engineWith("gone.safetensors", "kept.safetensors")) {
            engine.generate(request("gone"), GenerationListener.NONE);
            Files.delete(home.resolve("models/gone.safetensors"));
            engine.models().rescan();
            UnknownModelException e = assertThrows(UnknownModelException.class,
                    () -> engine.generate(request("gone"), GenerationListener.NONE));
            assertEquals("gone", e.modelId());
            assertEquals(1, engine.generate(request("kept"), GenerationListener.NONE).images().size());
        }
    }

    @Test
    void a_checkpoint_removed_before_any_rescan_noticed_is_unknown_rather_than_a_load_failure() throws IOException {
        try (DiffusionEngine engine = engineWith("gone.safetensors")) {
            Files.delete(home.resolve("models/gone.safetensors"));
            assertThrows(UnknownModelException.class, () -> engine.generate(request("gone"), GenerationListener.NONE));
        }
    }
}
