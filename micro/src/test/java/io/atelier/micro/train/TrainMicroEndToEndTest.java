package io.atelier.micro.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.micro.model.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainMicroEndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void an_interrupted_tiny_run_resumes_and_finishes_both_stages_with_a_verified_package() throws Exception {
        Path pkg = tmp.resolve("pkg");
        Path out = tmp.resolve("run");
        String[] common = {"--out", out.toString(), "--init", ShippedPackage.dir().toString(),
                "--package", pkg.toString(), "--tokenizer", ShippedPackage.component(AtelierMicroModel.TOKENIZER).toString(),
                "--vae-steps", "3", "--vae-batch", "2", "--vae-crop", "32", "--cache-size", "4", "--unet-steps", "2",
                "--unet-batch", "2", "--default-steps", "2", "--warmup", "1", "--sheet-prompts", "2"};

        // Step 1: a budget too small for more than one step stops with a checkpoint in stage 1.
        String stopped = new TrainMicro(options(common, "--minutes", "0.00001"), new ShapesImageSource()).run();
        assertEquals("vae", stopped);
        assertEquals(1, Checkpoint.readProgress(out.resolve("checkpoint")).orElseThrow().step());

        // Step 2: the same command resumes there and runs to the end.
        String finished = new TrainMicro(options(common, "--minutes", "30"), new ShapesImageSource()).run();
        assertEquals("done", finished);
        assertEquals(List.of(), ModelManifest.verify(pkg));
        List<String> vaeRows = Files.readAllLines(out.resolve("loss.csv")).stream().filter(l -> l.startsWith("vae,")).toList();
        assertEquals(List.of("vae,1", "vae,2", "vae,3"), vaeRows.stream().map(l -> l.substring(0, 5)).toList(),
                "each step logged once across the interruption");
        assertTrue(Files.exists(out.resolve("loss.png")));
        assertTrue(Files.exists(out.resolve("samples.png")));

        // Step 3: a finished run asked for more UNet steps (with attribute dropout from there) goes on from its end.
        String extended = new TrainMicro(options(common, "--minutes", "30", "--unet-steps", "3",
                "--attribute-dropout", "0.5", "--attribute-dropout-from", "2"), new ShapesImageSource()).run();
        assertEquals("done", extended);
        assertEquals(3, Checkpoint.readProgress(out.resolve("checkpoint")).orElseThrow().step());
        assertEquals(List.of("unet,1", "unet,2", "unet,3"), Files.readAllLines(out.resolve("loss.csv")).stream()
                .filter(l -> l.startsWith("unet,")).map(l -> l.substring(0, 6)).toList());
        assertEquals(List.of(), ModelManifest.verify(pkg));
    }

    private static TrainingOptions options(String[] common, String... extra) {
        String[] all = new String[common.length + extra.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(extra, 0, all, common.length, extra.length);
        return TrainingOptions.parse(all);
    }
}
