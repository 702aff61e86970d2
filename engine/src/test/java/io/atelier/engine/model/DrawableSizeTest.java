package io.atelier.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrawableSizeTest {
    private static final List<DrawableSize> SD1 = DrawableSize.sd1Buckets();

    @Test
    void a_model_with_one_size_is_always_asked_for_it() {
        List<DrawableSize> micro = List.of(new DrawableSize(128, 128));
        assertEquals(new DrawableSize(128, 128), DrawableSize.nearestAspect(micro, 2480, 3508));
        assertEquals(new DrawableSize(128, 128), DrawableSize.nearestAspect(micro, 1024, 1024));
    }

    @Test
    void an_a4_portrait_canvas_gets_the_tallest_bucket_nearest_its_ratio_and_landscape_the_mirror() {
        // A4 is 1:1.414; 512x704 is 1:1.375, the nearest bucket (512x768 is 1:1.5).
        assertEquals(new DrawableSize(512, 704), DrawableSize.nearestAspect(SD1, 2480, 3508));
        assertEquals(new DrawableSize(704, 512), DrawableSize.nearestAspect(SD1, 3508, 2480));
    }

    @Test
    void a_square_canvas_of_any_size_gets_the_native_square() {
        assertEquals(new DrawableSize(512, 512), DrawableSize.nearestAspect(SD1, 1024, 1024));
        assertEquals(new DrawableSize(512, 512), DrawableSize.nearestAspect(SD1, 40, 40));
    }

    @Test
    void a_ratio_past_every_bucket_gets_the_most_elongated_one() {
        assertEquals(new DrawableSize(768, 512), DrawableSize.nearestAspect(SD1, 4000, 500));
    }
}
