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
    void a_checkpoint_replaced_under_the_same_name_is_reloaded_after_a_rescan() throws IOException {
        try (DiffusionEngine engine = engineWith("house.safetensors")) {
            int[] before = io.atelier.engine.testing.Pixels.of(
                    engine.generate(request("house"), GenerationListener.NONE).images().get(0));
            Path file = home.resolve("models/house.safetensors");
            Path other = home.resolve("other.safetensors");
            shiftedCopy(other);
            Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
            engine.models().rescan();
            int[] after = io.atelier.engine.testing.Pixels.of(
                    engine.generate(request("house"), GenerationListener.NONE).images().get(0));
            org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(before, after),
                    "the replaced file's weights are used");
        }
    }

    /** The tiny checkpoint with the UNet's output bias moved: another model with the same layout. */
    private static void shiftedCopy(Path target) throws IOException {
        var writer = new io.atelier.engine.safetensors.SafeTensorsWriter();
        try (var file = io.atelier.engine.safetensors.SafeTensorsFile.open(TinyCheckpoint.path())) {
            for (var info : file.tensors().values()) {
                var data = file.bytes(info.name());
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                if (info.name().equals("model.diffusion_model.out.2.bias")) {
                    for (int i = 1; i < bytes.length; i += 2) {
                        bytes[i] ^= 0x40; // flips an exponent bit of each float16
                    }
                }
                writer.add(info.name(), info.type(), info.shape(), bytes);
            }
        }
        writer.write(target);
    }

    @Test
    void a_checkpoint_removed_before_any_rescan_noticed_is_unknown_rather_than_a_load_failure() throws IOException {
        try (DiffusionEngine engine = engineWith("gone.safetensors")) {
            Files.delete(home.resolve("models/gone.safetensors"));
            assertThrows(UnknownModelException.class, () -> engine.generate(request("gone"), GenerationListener.NONE));
        }
    }
}
