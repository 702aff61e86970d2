package io.atelier.micro.train;

import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.model.ModelPackageReader;
import io.atelier.engine.model.ModelRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders a contact sheet from an exported package through the engine that serves it (so the sheet shows exactly what
 * ships, sampled as users get it): every category, cycling through colours and patterns, fixed seeds.
 */
public final class SampleSheet {

    static final List<String> PROMPTS = List.of(
            "red solid dress", "blue stripes dress", "black check dress", "yellow polka_dots dress",
            "black solid biker_jacket", "brown leopard biker_jacket", "green solid bomber", "navy stripes bomber",
            "beige solid trousers", "grey check trousers", "pink solid skirt", "purple polka_dots skirt",
            "orange solid sweatshirt", "grey stripes sweatshirt", "navy solid tshirt", "red stripes tshirt",
            "brown solid handbag", "black leopard handbag", "navy check handbag", "green polka_dots handbag",
            "yellow stripes skirt", "blue check sweatshirt", "pink leopard dress", "beige polka_dots trousers");

    private SampleSheet() {}

    /** Usage: SampleSheet packageDir out.png [steps] [guidance]. */
    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "2"));
        render(Path.of(args[0]), Path.of(args[1]), PROMPTS, args.length > 2 ? Integer.parseInt(args[2]) : 20,
                args.length > 3 ? Float.parseFloat(args[3]) : 4f);
    }

    public static void render(Path packageDir, Path png, List<String> prompts, int steps, float guidance) {
        // The engine reads packages from <home>/models: a throw-away home whose one model is this package.
        Path home = null;
        try {
            home = Files.createTempDirectory("atelier-sample-sheet");
            Files.createDirectories(home.resolve("models"));
            Files.createSymbolicLink(home.resolve("models").resolve("package"), packageDir.toAbsolutePath());
            String modelId = ModelPackageReader.open(packageDir).manifest().id();
            ModelRegistry registry = ModelRegistry.forHome(home);
            List<BufferedImage> images = new ArrayList<>();
            try (DiffusionEngine engine = DiffusionEngine.open(registry)) {
                for (int i = 0; i < prompts.size(); i++) {
                    GenerationRequest request = GenerationRequest.of(prompts.get(i)).withModel(modelId)
                            .withSeed(1000L + i).withSteps(steps).withGuidance((double) guidance)
                            .withSampler("ddim");
                    images.addAll(engine.generate(request, GenerationListener.NONE).images());
                }
            }
            ContactSheet.write(png, images, prompts, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(home);
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            // The package is a link: deleting it leaves the package itself alone.
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
