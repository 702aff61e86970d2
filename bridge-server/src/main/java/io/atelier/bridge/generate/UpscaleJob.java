package io.atelier.bridge.generate;

import ai.djl.ndarray.NDManager;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.engine.image.Provenance;
import io.atelier.engine.image.ProvenancePng;
import io.atelier.engine.upscale.DetailPass;
import io.atelier.engine.upscale.TiledUpscaler;
import io.atelier.engine.upscale.Upscalers;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageRef;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one {@code images.upscale} job: the tiles through the network (then, when asked, the detail pass of
 * {@link UpscaleDetail}) with {@code jobs.progress} per batch of tiles
 * and cancel between them, the PNG with provenance stored in the job's brand, history saved at start and end.
 * Upscales run one at a time: two would only share the same cores and double the peak memory.
 */
final class UpscaleJob implements JobHandler {
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

    private final Upscalers upscalers;
    private final String modelId;
    private final int scale;
    private final TiledUpscaler.Tiling tiling;
    private final BufferedImage source;
    private final UpscaleDetail detail;
    private final HistoryEntry accepted;
    private final String sourceRecordId;
    private final HistoryRepository history;
    private final Executor progressExecutor;
    private final Clock clock;
    private final String ownerToken;

    UpscaleJob(Upscalers upscalers, String modelId, int scale, TiledUpscaler.Tiling tiling, BufferedImage source,
               UpscaleDetail detail, HistoryEntry accepted, String sourceRecordId, HistoryRepository history, Executor progressExecutor,
               Clock clock, String ownerToken) {
        this.upscalers = upscalers;
        this.modelId = modelId;
        this.scale = scale;
        this.tiling = tiling;
        this.source = source;
        this.detail = detail;
        this.accepted = accepted;
        this.sourceRecordId = sourceRecordId;
        this.history = history;
        this.progressExecutor = progressExecutor;
        this.clock = clock;
        this.ownerToken = ownerToken;
    }

    @Override
    public List<ImageRef> run(JobContext ctx) {
        HistoryEntry running = accepted.started(ctx.jobId());
        history.save(running, ownerToken);
        ProgressRelay progress = new ProgressRelay(ctx, null, progressExecutor);
        try {
            BufferedImage result;
            ONE_AT_A_TIME.lock();
            try (NDManager manager = upscalers.newJobManager()) {
                ctx.throwIfCancelled();
                // Step 1: super-resolution; Step 2, when asked: the detail pass. Progress counts the tiles of both.
                int srTiles = TiledUpscaler.tileCount(source.getWidth(), source.getHeight(), tiling);
                int total = srTiles + (detail == null ? 0 : DetailPass.tileCount(source.getWidth() * scale,
                        source.getHeight() * scale, detail.tile()));
                result = TiledUpscaler.upscale(upscalers.model(modelId, scale), source, tiling, progress, manager, 0,
                        total);
                if (detail != null) {
                    result = DetailPass.run(result, detail.tile(), tile -> detail.redraw(tile, progress), progress,
                            srTiles, total);
                }
            } catch (RuntimeException e) {
                throw EngineErrors.translate(e);
            } finally {
                ONE_AT_A_TIME.unlock();
                progress.drain();
            }
            Provenance provenance = Provenance.upscale(accepted.id(), modelId, sourceRecordId,
                    accepted.digitalSourceType());
            ImageRef ref = ctx.images().put(ProvenancePng.write(result, provenance), ctx.brand(), ctx.ownerTokenId());
            history.save(running.finished(HistoryStatus.SUCCEEDED, List.of(ref.id()), clock.instant()), ownerToken);
            return List.of(ref);
        } catch (RuntimeException | Error e) {
            boolean cancelled = ctx.isCancelled()
                    || e instanceof AtelierException a && a.code() == ErrorCodes.CANCELLED;
            history.save(running.finished(cancelled ? HistoryStatus.CANCELLED : HistoryStatus.FAILED, List.of(), clock.instant()), ownerToken);
            throw e;
        }
    }
}
