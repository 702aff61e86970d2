package io.atelier.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.ModelFailureException;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.model.ModelPackageReader;
import io.atelier.engine.model.TestPackages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliberately broken packages: failures are typed, named, and leave the pipeline usable. */
class ModelFailureTest {
    @TempDir
    Path temp;

    @Test
    void a_unet_failing_mid_generation_gives_model_failure_and_the_next_generation_succeeds() throws Exception {
        // The deliberately broken package: a UNet that passes the load probe and throws at the native size.
        Path folder = TestPackages.copyTiny(temp.resolve("broken-unet"));
        Path broken = TestPackages.resource("/broken/unet_fails_above_probe_size.pt", temp);
        TestPackages.replaceComponent(folder, "unet", broken, "broken-unet");
        try (DiffusionPipeline pipeline = new DiffusionPipeline(LoadedModel.load(ModelPackageReader.open(folder)),
                16 * 64 * 64)) {
            ModelFailureException failure = assertThrows(ModelFailureException.class,
                    () -> pipeline.generate(GenerationRequest.of("red dress").withSeed(1L), GenerationListener.NONE));
            assertEquals("broken-unet", failure.modelId());
            assertTrue(failure.getMessage().contains("'broken-unet' failed while generating"), failure.getMessage());
            assertFalse(failure.getMessage().contains("deliberately"), "no libtorch text in the user message");

            // The same pipeline still serves the next request (here at the one size this UNet accepts).
            var next = pipeline.generate(GenerationRequest.of("red dress").withSize(16, 16).withSeed(1L),
                    GenerationListener.NONE);
            assertEquals(16, next.images().get(0).getWidth());
        }
    }

    @Test
    void a_component_of_the_wrong_kind_fails_at_load_naming_it() throws Exception {
        // The deliberately broken package: the VAE encoder's file stands where the UNet should be.
        Path folder = TestPackages.copyTiny(temp.resolve("wrong-unet"));
        TestPackages.replaceComponent(folder, "unet", folder.resolve("vae_encoder.pt"), "wrong-unet");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> LoadedModel.load(ModelPackageReader.open(folder)));
        assertTrue(e.getMessage().startsWith("Model 'wrong-unet': component unet fails on a test input"),
                e.getMessage());
    }

    @Test
    void a_file_that_is_not_torchscript_fails_at_load_naming_it() throws Exception {
        Path folder = TestPackages.copyTiny(temp.resolve("not-torchscript"));
        TestPackages.replaceComponent(folder, "textEncoder", folder.resolve("tokenizer.json"), "not-torchscript");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> LoadedModel.load(ModelPackageReader.open(folder)));
        assertEquals("Model 'not-torchscript': component textEncoder is not a TorchScript file this engine can load.",
                e.getMessage());
    }
}
