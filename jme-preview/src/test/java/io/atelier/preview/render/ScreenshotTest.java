package io.atelier.preview.render;

import io.atelier.preview.texture.TestFlats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders through real GL (Mesa llvmpipe under Xvfb, in a child JVM started with xvfb-run, so this runs in
 * CI where there is no X server) and compares with stored references at 320x180.
 */
class ScreenshotTest {
    private static final ChildProcessRenderer RENDERER = new ChildProcessRenderer(true, Duration.ofMinutes(4));

    @TempDir
    static Path work;

    @BeforeAll
    static void needsXvfb() {
        assumeTrue(ChildProcessRenderer.canRender(true),
                "skipped: xvfb-run is not installed (apt-get install xvfb xauth libgl1-mesa-dri)");
    }

    @Test
    void garment_turntable_shows_the_flat_on_the_front_and_its_fabric_on_the_back() throws Exception {
        Path flat = work.resolve("flat.png");
        ImageIO.write(TestFlats.stripedDress(256), "png", flat.toFile());
        Path out = work.resolve("garment");
        ChildProcessRenderer.Result r = RENDERER.run(List.of("render", "--scene", "garment", "--garment", "dress",
                "--image", flat.toString(), "--views", "2", "--width", "320", "--height", "180", "--out", out.toString()), 320, 180);
        assertEquals(0, r.exitCode(), r.stderr());
        ReferenceImages.assertMatches(out.resolve("dress-turntable-00.png"), "dress-front-320.png");
        ReferenceImages.assertMatches(out.resolve("dress-turntable-01.png"), "dress-back-320.png");
    }

    @Test
    void store_street_view_matches_its_reference_and_night_is_darker_than_noon() throws Exception {
        Path out = work.resolve("store");
        for (String time : List.of("noon", "night")) {
            ChildProcessRenderer.Result r = RENDERER.run(List.of("render", "--scene", "store", "--time", time,
                    "--views", "1", "--width", "320", "--height", "180", "--out", out.toString()), 320, 180);
            assertEquals(0, r.exitCode(), r.stderr());
        }
        ReferenceImages.assertMatches(out.resolve("store-noon-street.png"), "store-noon-street-320.png");
        double noon = ReferenceImages.meanLuminance(out.resolve("store-noon-street.png"));
        double night = ReferenceImages.meanLuminance(out.resolve("store-night-street.png"));
        assertTrue(night < noon * 0.6, "night " + night + " vs noon " + noon);
    }

    @Test
    void bad_arguments_exit_with_a_clear_message_and_no_stack_trace() {
        ChildProcessRenderer.Result r = RENDERER.run(List.of("render", "--scene", "garment", "--garment", "cape",
                "--out", work.resolve("bad").toString()), 320, 180);
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("unknown garment 'cape'"), r.stderr());
        assertTrue(!r.stderr().contains("Exception") && !r.stderr().contains("\tat "), r.stderr());
    }
}
