package io.atelier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.pipeline.DiffusionPipeline;
import io.atelier.engine.testing.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine front door: defaults, validation at submit time, and batching of concurrent compatible requests. */
class DiffusionEngineTest {
    @TempDir
    static Path home;
    private static DiffusionEngine engine;

    @BeforeAll
    static void start() {
        // A generous gathering window so the test does not depend on scheduling luck.
        engine = new DiffusionEngine(new ModelRegistry(home, home.resolve("cache")),
                new EngineOptions(home.resolve("cache"), Duration.ofMillis(300), 16, 16L * 64 * 64, 2));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void concurrent_compatible_requests_share_one_unet_forward_per_step() throws Exception {
        DiffusionPipeline pipeline = engine.pipeline(null);
        // Keep the worker busy with a 2-step request until the four clients have all submitted, so the test does
        // not depend on thread scheduling.
        long before = pipeline.unetForwards();
        CountDownLatch submitted = new CountDownLatch(1);
        CompletableFuture<GenerationResult> blocker = engine.submit(GenerationRequest.of("grey wool").withSteps(2),
                new GenerationListener() {
                    @Override
                    public void onStep(int step, int totalSteps, Supplier<BufferedImage> preview) {
                        awaitQuietly(submitted);
                    }
                });
        List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            futures.add(engine.submit(GenerationRequest.of("red dress").withSteps(5).withSeed(100L + client),
                    GenerationListener.NONE));
        }
        submitted.countDown();
        blocker.get();
        List<BufferedImage> images = new ArrayList<>();
        for (CompletableFuture<GenerationResult> future : futures) {
            images.add(future.get().images().get(0));
        }
        long blockerForwards = 2;
        assertEquals(5, pipeline.unetForwards() - before - blockerForwards,
                "4 requests x 5 steps in 5 batched forwards");
        BufferedImage alone = engine.generate(GenerationRequest.of("red dress").withSteps(5).withSeed(102L),
                GenerationListener.NONE).images().get(0);
        assertTrue(Pixels.maxChannelDifference(alone, images.get(2)) <= 2, "batched result equals the lone one up to rounding");
    }

    @Test
    void incompatible_requests_run_in_separate_batches_and_all_finish() throws Exception {
        CompletableFuture<GenerationResult> a = engine.submit(GenerationRequest.of("red dress").withSteps(3),
                GenerationListener.NONE);
        CompletableFuture<GenerationResult> b = engine.submit(GenerationRequest.of("red dress").withSteps(4)
                .withSize(32, 32), GenerationListener.NONE);
        assertEquals(64, a.get().images().get(0).getWidth());
        assertEquals(32, b.get().images().get(0).getWidth());
    }

    @Test
    void bad_requests_fail_at_submit_and_unknown_models_are_named() {
        InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                () -> engine.validate(GenerationRequest.of("red dress").withSteps(-1)));
        assertEquals("steps", e.field());
        assertThrows(UnknownModelException.class, () -> engine.validate(GenerationRequest.of("x").withModel("nope")));
        assertEquals("atelier-tiny", engine.models().defaultModelId());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
