package io.atelier.bridge.generate;

import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationResult;
import io.atelier.engine.image.Provenance;
import io.atelier.engine.image.ProvenancePng;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageRef;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs one {@code images.generate} job: the engine with progress and cancel, result PNGs with provenance stored in
 * the brand's scope, and the history record saved when the job starts and again when it ends, whatever the outcome.
 */
final class GenerateJob implements JobHandler {
    private final GenerationPlan plan;
    private final DiffusionEngine engine;
    private final HistoryRepository history;
    private final Executor progressExecutor;
    private final Clock clock;
    private final String ownerToken;
    private final Supplier<String> modelSha256;

    /**
     * @param ownerToken public id of the submitting token, recorded with the history entry
     * @param modelSha256 the model's weights hash, asked for when the job starts (a checkpoint's file is hashed then)
     */
    GenerateJob(GenerationPlan plan, DiffusionEngine engine, HistoryRepository history, Executor progressExecutor,
                Clock clock, String ownerToken, Supplier<String> modelSha256) {
        this.ownerToken = ownerToken;
        this.modelSha256 = modelSha256;
        this.plan = plan;
        this.engine = engine;
        this.history = history;
        this.progressExecutor = progressExecutor;
        this.clock = clock;
    }

    @Override
    public List<ImageRef> run(JobContext ctx) {
        HistoryEntry accepted = plan.history();
        HistoryEntry running = accepted.started(ctx.jobId())
                .withModelSha256(accepted.modelSha256() != null ? accepted.modelSha256() : modelSha256.get());
        history.save(running, ownerToken);
        ProgressRelay progress = new ProgressRelay(ctx, provenance(null), progressExecutor);
        try {
            // Step 1: generate (blocks while the engine batches this request with compatible ones).
            GenerationResult result;
            try {
                result = engine.generate(plan.request(), progress);
            } catch (RuntimeException e) {
                throw EngineErrors.translate(e);
            } finally {
                progress.drain();
            }
            // Step 2: the palette measured against what was drawn (and locked onto it when asked).
            List<BufferedImage> images = result.images();
            List<String> notes = List.of();
            if (plan.palette() != null) {
                PaletteOutcome outcome = PaletteOutcome.of(images, result.seeds(), plan.palette(),
                        plan.settings().masked());
                images = outcome.images();
                notes = outcome.notes();
            }
            // Step 3: PNGs with provenance, in seed order.
            List<ImageRef> refs = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                String parameters = plan.embedPrompt()
                        ? ProvenancePng.a1111Parameters(result.settings(), result.seeds().get(i)) : null;
                refs.add(ctx.images().put(ProvenancePng.write(images.get(i), provenance(parameters)),
                        ctx.brand(), ctx.ownerTokenId()));
            }
            history.save(running.finished(HistoryStatus.SUCCEEDED, refs.stream().map(ImageRef::id).toList(), clock.instant())
                    .withNotes(notes), ownerToken);
            return refs;
        } catch (RuntimeException | Error e) {
            boolean cancelled = ctx.isCancelled()
                    || e instanceof AtelierException a && a.code() == ErrorCodes.CANCELLED;
            history.save(running.finished(cancelled ? HistoryStatus.CANCELLED : HistoryStatus.FAILED, List.of(), clock.instant()), ownerToken);
            throw e;
        }
    }

    private Provenance provenance(String parameters) {
        return new Provenance(plan.recordId(), plan.settings().modelId(), plan.history().adapter(),
                plan.settings().redraw(), parameters);
    }
}
