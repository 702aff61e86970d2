package io.atelier.bridge.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.jobs.JobCancelledException;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.evaluation.BrandEvaluationPlan;
import io.atelier.brands.evaluation.FidelityEvaluation;
import io.atelier.brands.evaluation.FidelityReport;
import io.atelier.brands.training.DatasetExamples;
import io.atelier.engine.DiffusionEngine;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.protocol.AdapterEvaluation;
import io.atelier.protocol.ImageRef;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * {@code adapters.evaluate} with the judge: held-out prompts with and without the adapter, the house colour (the
 * brand's first palette colour) counted in each image, judge agreement on plain prompts; the evaluation is stored on
 * the adapter and the contact sheet is the job's result.
 */
public final class JudgeEvaluations implements EvaluationJobFactory {
    public static final int SEEDS_PER_PROMPT = 4;
    public static final int SAMPLER_STEPS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrandStore store;
    private final Supplier<DiffusionEngine> engine;
    private final Path home;

    private final int seedsPerPrompt;
    private final int samplerSteps;

    public JudgeEvaluations(BrandStore store, Supplier<DiffusionEngine> engine, Path home) {
        this(store, engine, home, SEEDS_PER_PROMPT, SAMPLER_STEPS);
    }

    /** With fewer seeds or sampler steps: quicker, coarser figures (tests). */
    public JudgeEvaluations(BrandStore store, Supplier<DiffusionEngine> engine, Path home, int seedsPerPrompt,
                            int samplerSteps) {
        this.seedsPerPrompt = seedsPerPrompt;
        this.samplerSteps = samplerSteps;
        this.store = store;
        this.engine = engine;
        this.home = home;
    }

    @Override
    public JobHandler create(AdapterRecord adapter) {
        return ctx -> {
            Brand brand = store.brands().get(BrandScope.admin(), adapter.brand());
            FidelityReport report;
            try (Judge judge = Judge.load()) {
                FidelityEvaluation evaluation = new FidelityEvaluation(engine.get(), AtelierMicroModel.ID, judge,
                        store.resolver());
                var items = store.datasets().list(BrandScope.admin(), brand.id());
                BrandEvaluationPlan plan = BrandEvaluationPlan.of(brand, DatasetExamples.of(store, brand, items),
                        evaluation);
                report = evaluation.run(brand, plan, home.resolve(adapter.filePath()), seedsPerPrompt, samplerSteps, (done, total) -> ctx.progress(done, total, null),
                        ctx::isCancelled);
            } catch (CancellationException e) {
                throw new JobCancelledException();
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(report.contactSheet(), "png", png);
            ImageRef sheet = ctx.images().put(png.toByteArray(), brand.id(), ctx.ownerTokenId());
            AdapterEvaluation evaluation = new AdapterEvaluation(report.brandCodeRateWith(),
                    report.brandCodeRateWithout(), report.forgettingPoints(), sheet, Instant.now().toString(),
                    report.plainCodeRateWith(), report.brandDetailRateWith(), report.brandDetailRateWithout());
            store.adapters().recordEvaluation(adapter.id(), JSON.writeValueAsString(evaluation));
            return List.of(sheet);
        };
    }
}
