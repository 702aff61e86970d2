package io.atelier.bridge.capsule;

import io.atelier.brands.capsule.PiecePlan;
import io.atelier.brands.palette.PaletteEntry;
import io.atelier.brands.palette.PaletteLock;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationResult;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.judge.JudgeVerdict;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Draws a capsule's pieces and checks each with the judge: every piece of a round is sent to the engine at once (it
 * batches concurrent compatible requests through shared UNet forwards), the judge reads category and colour back, and
 * a piece it reads otherwise is drawn again with another seed in the next round, up to {@link #MAX_ATTEMPTS}
 * drawings. The best drawing is kept (category first, then colour), so a piece never comes back empty.
 */
final class JudgedDrawing {
    static final int MAX_ATTEMPTS = 4;
    /** Far from the first seed, so that a redraw is not a near neighbour of a drawing that failed. */
    private static final long RESEED_STEP = 7_919;

    private final DiffusionEngine engine;
    private final Judge judge;

    JudgedDrawing(DiffusionEngine engine, Judge judge) {
        this.engine = engine;
        this.judge = judge;
    }

    /**
     * @param requests each piece's engine request (its seed is replaced per attempt)
     * @param palette  the capsule's palette (the lock moves other coloured areas to their nearest entry)
     */
    List<DrawnPiece> draw(Map<PiecePlan, GenerationRequest> requests, List<PaletteEntry> palette, JobContext ctx) {
        Map<PiecePlan, DrawnPiece> best = new LinkedHashMap<>();
        requests.keySet().forEach(p -> best.put(p, null));
        List<PiecePlan> pending = new ArrayList<>(requests.keySet());
        int total = requests.size();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            ctx.throwIfCancelled();
            final int round = attempt;
            // Step 1: every pending piece to the engine at once.
            Map<PiecePlan, CompletableFuture<GenerationResult>> running = new LinkedHashMap<>();
            for (PiecePlan piece : pending) {
                long seed = piece.seed() + round * RESEED_STEP;
                GenerationRequest request = requests.get(piece).withSeed(seed);
                running.put(piece, engine.submit(request, GenerationListener.NONE));
            }
            List<PiecePlan> order = new ArrayList<>(running.keySet());
            List<GenerationResult> results = new ArrayList<>();
            for (PiecePlan piece : order) {
                try {
                    results.add(running.get(piece).join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            // Step 2: the judge reads them all in one batch.
            List<BufferedImage> images = results.stream().map(r -> r.images().get(0)).toList();
            List<JudgeVerdict> verdicts = judge.scoreAll(images);
            // Step 3: keep each piece's best drawing; those the judge still reads otherwise go round again.
            List<PiecePlan> disagreeing = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                PiecePlan piece = order.get(i);
                PaletteLock.Result locked = PaletteLock.lock(images.get(i), piece.colour(), palette);
                DrawnPiece drawn = new DrawnPiece(piece, images.get(i), locked.image(), verdicts.get(i),
                        results.get(i).seeds().get(0), round + 1, results.get(i).settings(), locked.deltaEBefore());
                DrawnPiece kept = best.get(piece);
                if (kept == null || drawn.score() > kept.score()) {
                    best.put(piece, drawn);
                } else {
                    best.put(piece, withAttempts(kept, round + 1));
                }
                if (!best.get(piece).agrees()) {
                    disagreeing.add(piece);
                }
            }
            pending = disagreeing;
            int done = (int) best.values().stream().filter(d -> d != null && d.agrees()).count();
            ctx.progress(pending.isEmpty() ? total : done, total, null);
        }
        return new ArrayList<>(best.values());
    }

    private static DrawnPiece withAttempts(DrawnPiece d, int attempts) {
        return new DrawnPiece(d.plan(), d.drawn(), d.delivered(), d.verdict(), d.seed(), attempts, d.settings(),
                d.deltaE());
    }
}
