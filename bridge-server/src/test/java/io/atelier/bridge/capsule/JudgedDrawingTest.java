package io.atelier.bridge.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.capsule.PiecePlan;
import io.atelier.brands.palette.PaletteEntry;
import io.atelier.brands.palette.PaletteResolver;
import io.atelier.bridge.generate.GenerationEngines;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationRequest;
import io.atelier.micro.judge.Judge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The judge's check loop on the real atelier-micro and judge: a piece drawn as planned is kept at once; a piece the
 * model is (deliberately) asked to draw as something else is drawn again up to the limit, and comes back with its
 * best drawing and the judge's disagreement, never empty.
 */
class JudgedDrawingTest {

    @Test
    void a_piece_the_judge_keeps_reading_otherwise_is_redrawn_to_the_limit_and_reported() throws Exception {
        Path home = Files.createTempDirectory("atelier-judged-drawing-");
        PaletteEntry red = PaletteResolver.standard().resolve(List.of("#d02828"), null).get(0);
        PiecePlan asPlanned = new PiecePlan(1, 1, "handbag", red, "solid", List.of(), "leather", 100);
        PiecePlan impossible = new PiecePlan(1, 2, "dress", red, "solid", List.of(), "silk", 200);
        Map<PiecePlan, GenerationRequest> requests = new LinkedHashMap<>();
        requests.put(asPlanned, GenerationRequest.of("red solid handbag leather").withModel("atelier-micro"));
        // The model is told "trousers" while the plan says "dress": the judge can never agree.
        requests.put(impossible, GenerationRequest.of("red solid trousers").withModel("atelier-micro"));
        List<int[]> progress = new ArrayList<>();
        try (DiffusionEngine engine = GenerationEngines.open(home, "atelier-micro"); Judge judge = Judge.load()) {
            List<DrawnPiece> drawn = new JudgedDrawing(engine, judge).draw(requests, List.of(red),
                    context(progress));
            assertEquals(2, drawn.size());
            assertTrue(drawn.get(0).agrees(), drawn.get(0).verdict().toString());
            assertEquals(1, drawn.get(0).attempts());
            assertFalse(drawn.get(1).agrees());
            assertEquals(JudgedDrawing.MAX_ATTEMPTS, drawn.get(1).attempts());
            assertEquals("trousers", drawn.get(1).verdict().category());
            assertEquals(JudgedDrawing.MAX_ATTEMPTS, progress.size(), "one progress report per round");
        } finally {
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static JobContext context(List<int[]> progress) {
        return new JobContext() {
            @Override
            public String jobId() {
                return "job_test";
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void throwIfCancelled() {
            }

            @Override
            public void progress(int step, int totalSteps, byte[] previewPngOrNull) {
                progress.add(new int[] {step, totalSteps});
            }

            @Override
            public ImageStore images() {
                throw new UnsupportedOperationException("drawing stores nothing");
            }

            @Override
            public String brand() {
                return null;
            }

            @Override
            public String ownerTokenId() {
                return null;
            }
        };
    }
}
