package io.atelier.micro.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.micro.model.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainMicroEndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void tiny_run_trains_both_stages_and_exports_a_verified_package() throws Exception {
        Path init = Path.of("/tmp/microinit");
        Path pkg = tmp.resolve("pkg");
        TrainingOptions options = TrainingOptions.parse("--out", tmp.resolve("run").toString(), "--init", init.toString(),
                "--package", pkg.toString(), "--tokenizer", "src/main/resources/io/atelier/micro/tokenizer.json",
                "--vae-steps", "3", "--vae-batch", "2", "--cache-size", "8", "--unet-steps", "3", "--unet-batch", "4",
                "--default-steps", "2", "--warmup", "1");
        String stage = new TrainMicro(options, new ShapesImageSource()).run();
        assertEquals("done", stage);
        assertTrue(ModelManifest.verify(pkg).isEmpty());
        assertTrue(Files.exists(tmp.resolve("run/loss.png")));
        assertTrue(Files.exists(tmp.resolve("run/samples.png")));
    }
}
