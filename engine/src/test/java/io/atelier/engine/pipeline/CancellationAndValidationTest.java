package io.atelier.engine.pipeline;

import static io.atelier.engine.pipeline.RedrawAndSelectionTest.photo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.atelier.engine.GenerationCancelledException;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.InvalidGenerationParameterException;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CancellationAndValidationTest {
    private final DiffusionPipeline pipeline = TinyModel.sharedPipeline();

    @Test
    void cancel_stops_generation_within_one_step() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger stepsSeen = new AtomicInteger();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onStep(int step, int totalSteps, Supplier<BufferedImage> preview) {
                stepsSeen.set(step);
                if (step == 3) {
                    cancelled.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        assertThrows(GenerationCancelledException.class, () -> pipeline.generate(
                GenerationRequest.of("red dress").withSteps(20).withSeed(1L), listener));
        assertEquals(3, stepsSeen.get());
    }

    @Test
    void bad_parameters_name_their_field() {
        GenerationRequest ok = GenerationRequest.of("red dress");
        assertField("width", ok.withSize(60, 64));
        assertField("height", ok.withSize(64, 0));
        assertField("width", ok.withSize(4096, 4096));
        assertField("steps", ok.withSteps(0));
        assertField("steps", ok.withSteps(1000));
        assertField("guidance", ok.withGuidance(-1.0));
        assertField("sampler", ok.withSampler("plms"));
        assertField("count", ok.withCount(9));
        assertField("strength", ok.withInitImage(photo(), 1.5));
        assertField("strength", ok.withInitImage(null, 0.5));
        assertField("mask", ok.withMask(photo()));
        assertField("mask", ok.withInitImage(photo(), null).withMask(new BufferedImage(32, 32,
                BufferedImage.TYPE_BYTE_GRAY)));
        assertField("initImage", ok.withSize(32, 32).withInitImage(photo(), 0.5));
    }

    private void assertField(String field, GenerationRequest request) {
        InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                () -> pipeline.generate(request, GenerationListener.NONE));
        assertEquals(field, e.field(), e.getMessage());
    }
}
