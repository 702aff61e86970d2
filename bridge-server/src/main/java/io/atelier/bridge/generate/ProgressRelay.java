package io.atelier.bridge.generate;

import io.atelier.bridge.jobs.JobContext;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.image.Provenance;
import io.atelier.engine.image.ProvenancePng;
import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The engine's per-step callbacks as {@code jobs.progress}: every step, with a cheap latent preview (no VAE decode) on
 * the first step and every {@value #PREVIEW_EVERY} steps. The engine calls on its one worker thread, shared by every
 * batched request, so only the preview pixels are taken there; encoding, storing and notifying run on
 * {@code executor}, in step order per job. Cancel is read before every step.
 */
final class ProgressRelay implements GenerationListener {
    static final int PREVIEW_EVERY = 4;

    private final JobContext ctx;
    private final Provenance previewProvenance;
    private final Executor executor;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    ProgressRelay(JobContext ctx, Provenance previewProvenance, Executor executor) {
        this.ctx = ctx;
        this.previewProvenance = previewProvenance;
        this.executor = executor;
    }

    @Override
    public void onStep(int step, int totalSteps, Supplier<BufferedImage> cheapPreview) {
        BufferedImage preview = step == 1 || step % PREVIEW_EVERY == 0 ? cheapPreview.get() : null;
        synchronized (this) {
            // A failed notification must not stop the next ones.
            tail = tail.exceptionally(failure -> null).thenRunAsync(() -> ctx.progress(step, totalSteps,
                    preview == null ? null : ProvenancePng.write(preview, previewProvenance)), executor);
        }
    }

    @Override
    public boolean isCancelled() {
        return ctx.isCancelled();
    }

    /** Waits until every progress notification was sent, so that none follows {@code jobs.finished}. */
    void drain() {
        CompletableFuture<Void> last;
        synchronized (this) {
            last = tail;
        }
        last.exceptionally(failure -> null).join();
    }
}
