package io.atelier.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationResult;
import io.atelier.engine.testing.Pixels;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Text to image through the real tiny TorchScript model on DJL's CPU engine. */
class TextToImageTest {
    private final DiffusionPipeline pipeline = TinyModel.sharedPipeline();

    @Test
    void same_seed_gives_identical_pixels() {
        GenerationRequest request = GenerationRequest.of("red stripes dress belt").withSeed(42L);
        BufferedImage first = pipeline.generate(request, GenerationListener.NONE).images().get(0);
        BufferedImage second = pipeline.generate(request, GenerationListener.NONE).images().get(0);
        assertEquals(64, first.getWidth());
        assertArrayEquals(Pixels.of(first), Pixels.of(second));
    }

    @Test
    void another_seed_gives_different_pixels() {
        GenerationRequest request = GenerationRequest.of("red stripes dress belt");
        int[] a = Pixels.of(pipeline.generate(request.withSeed(1L), GenerationListener.NONE).images().get(0));
        int[] b = Pixels.of(pipeline.generate(request.withSeed(2L), GenerationListener.NONE).images().get(0));
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void variations_use_consecutive_seeds_and_match_single_runs_up_to_float_rounding() {
        GenerationRequest request = GenerationRequest.of("navy solid bomber zip").withSeed(7L).withCount(3);
        GenerationResult batch = pipeline.generate(request, GenerationListener.NONE);
        assertEquals(List.of(7L, 8L, 9L), batch.seeds());
        BufferedImage alone = pipeline.generate(request.withSeed(8L).withCount(1), GenerationListener.NONE)
                .images().get(0);
        // libtorch may pick another kernel for another batch size: the same seed batched or alone can differ by
        // a rounding step in a few pixels, never more.
        assertTrue(Pixels.maxChannelDifference(alone, batch.images().get(1)) <= 2);
    }

    @Test
    void progress_is_reported_at_every_step_with_a_cheap_preview() {
        List<Integer> steps = new ArrayList<>();
        List<BufferedImage> previews = new ArrayList<>();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onStep(int step, int totalSteps, Supplier<BufferedImage> cheapPreview) {
                assertEquals(6, totalSteps);
                steps.add(step);
                previews.add(cheapPreview.get());
            }
        };
        pipeline.generate(GenerationRequest.of("black leather handbag").withSteps(6).withSeed(3L), listener);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), steps);
        assertNotNull(previews.get(5));
        assertEquals(64, previews.get(5).getWidth());
    }

    @Test
    void every_sampler_produces_an_image() {
        for (String sampler : new String[] {"ddim", "euler_a", "dpmpp_2m", "lcm"}) {
            BufferedImage image = pipeline.generate(GenerationRequest.of("green check skirt").withSampler(sampler)
                    .withSeed(5L), GenerationListener.NONE).images().get(0);
            assertEquals(64, image.getHeight(), sampler);
        }
    }
}
