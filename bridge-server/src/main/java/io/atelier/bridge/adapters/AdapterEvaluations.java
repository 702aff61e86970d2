package io.atelier.bridge.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.evaluation.BrandEvaluationPlan;
import io.atelier.brands.evaluation.FidelityEvaluation;
import io.atelier.brands.evaluation.FidelityReport;
import io.atelier.brands.training.DatasetExamples;
import io.atelier.bridge.jobs.JobCancelledException;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.model.ModelManifest;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.protocol.AdapterEvaluation;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.NotMeasured;
import io.atelier.taxonomy.PromptStyle;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * {@code adapters.evaluate}: held-out prompts drawn with and without the adapter on the model it was trained on, the
 * house colour (the brand's first palette colour) counted in each image, the colour drift between each pair, and on
 * atelier-micro the judge's agreement; the evaluation is stored on the adapter and the contact sheet is the job's
 * result. The judge reads atelier-micro's flats only, so an SD-1.x adapter's evaluation leaves the judge figures out
 * and says so ({@link NotMeasured}).
 */
public final class AdapterEvaluations implements EvaluationJobFactory {
    public static final int SEEDS_PER_PROMPT = 4;
    public static final int SAMPLER_STEPS = 20;
    /**
     * Side of an SD-1.x adapter's evaluation images: a quarter of 512 px's pixels. At 4 seeds and 20 steps an
     * evaluation draws up to 192 guided images; at 4.1 s per guided 256 px UNet step of a full-size SD-1.5 on 2 CPU
     * cores (docs/models.md) that is about 4.4 hours, against about 16 at 512 px. atelier-micro draws at its native
     * 128 px.
     */
    public static final int CHECKPOINT_IMAGE_SIZE = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrandStore store;
    private final Supplier<DiffusionEngine> engine;
    private final Path home;
    private final int seedsPerPrompt;
    private final int samplerSteps;
    private final int checkpointImageSize;

    public AdapterEvaluations(BrandStore store, Supplier<DiffusionEngine> engine, Path home) {
        this(store, engine, home, SEEDS_PER_PROMPT, SAMPLER_STEPS, CHECKPOINT_IMAGE_SIZE);
    }

    /**
     * With fewer seeds, sampler steps or pixels: quicker, coarser figures (tests, a CPU).
     *
     * @param checkpointImageSize side of an SD-1.x adapter's evaluation images (a multiple of 64)
     */
    public AdapterEvaluations(BrandStore store, Supplier<DiffusionEngine> engine, Path home, int seedsPerPrompt,
                              int samplerSteps, int checkpointImageSize) {
        this.seedsPerPrompt = seedsPerPrompt;
        this.samplerSteps = samplerSteps;
        this.checkpointImageSize = checkpointImageSize;
        this.store = store;
        this.engine = engine;
        this.home = home;
    }

    @Override
    public JobHandler create(AdapterRecord adapter) {
        return ctx -> {
            Brand brand = store.brands().get(BrandScope.admin(), adapter.brand());
            String modelId = adapter.spec().baseModel();
            DiffusionEngine diffusion = engine.get();
            ModelManifest manifest = diffusion.models().manifest(modelId).orElseThrow(() -> new AtelierException(
                    ErrorCodes.MODEL_FAILURE, "The model " + modelId + " of adapter " + adapter.id()
                    + " is no longer installed."));
            boolean judged = AtelierMicroModel.ID.equals(modelId);
            Integer size = judged ? null : checkpointImageSize;
            FidelityReport report;
            // Step 1: draw and measure (the judge only for atelier-micro's flats).
            try (Judge judge = judged ? Judge.load() : null) {
                FidelityEvaluation evaluation = new FidelityEvaluation(diffusion, modelId, judge, store.resolver(),
                        PromptStyle.forFamily(manifest.family()), size);
                var items = store.datasets().list(BrandScope.admin(), brand.id());
                BrandEvaluationPlan plan = BrandEvaluationPlan.of(brand, DatasetExamples.of(store, brand, items),
                        evaluation);
                report = evaluation.run(brand, plan, home.resolve(adapter.filePath()), seedsPerPrompt, samplerSteps,
                        (done, total) -> ctx.progress(done, total, null), ctx::isCancelled);
            } catch (CancellationException e) {
                throw new JobCancelledException();
            }
            // Step 2: the contact sheet as the result, the figures stored on the adapter.
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(report.contactSheet(), "png", png);
            ImageRef sheet = ctx.images().put(png.toByteArray(), brand.id(), ctx.ownerTokenId());
            AdapterEvaluation evaluation = evaluation(report, sheet, modelId,
                    size != null ? size : manifest.nativeWidth(), samplerSteps, seedsPerPrompt);
            store.adapters().recordEvaluation(adapter.id(), JSON.writeValueAsString(evaluation));
            return List.of(sheet);
        };
    }

    /** The report on the wire: figures nobody measured are absent, each named in {@code notMeasured} with why. */
    static AdapterEvaluation evaluation(FidelityReport report, ImageRef sheet, String modelId, int imageSize,
                                        int samplerSteps, int seedsPerPrompt) {
        List<NotMeasured> notMeasured = new ArrayList<>();
        if (!report.judged()) {
            String why = "The judge reads " + AtelierMicroModel.ID + "'s flats only; " + modelId
                    + " draws other images, so judge agreement is not measured.";
            notMeasured.add(new NotMeasured("forgettingPoints", why));
            notMeasured.add(new NotMeasured("brandCategoryAgreementWith", why));
        }
        if (report.detailLabel() == null) {
            String why = "No detector is given for this brand's house detail.";
            notMeasured.add(new NotMeasured("houseDetailRateWith", why));
            notMeasured.add(new NotMeasured("houseDetailRateWithout", why));
        }
        Double french = report.brandCodeRateWithOrNull("fr");
        Double english = report.brandCodeRateWithOrNull("en");
        if (french == null) {
            notMeasured.add(new NotMeasured("brandCodeRateWithFrench",
                    "The brand has no French word for its house code, so no French branded prompt was drawn."));
        }
        if (english == null) {
            notMeasured.add(new NotMeasured("brandCodeRateWithEnglish",
                    "The brand has no English word for its house code, so no English branded prompt was drawn."));
        }
        return new AdapterEvaluation(report.brandCodeRateWith(), report.brandCodeRateWithout(),
                report.judged() ? report.forgettingPoints() : null, sheet, Instant.now().toString(),
                report.plainCodeRateWith(), report.brandDetailRateWith(), report.brandDetailRateWithout(), french,
                english, report.judged() ? report.brandCategoryAgreementWith() : null, report.plainColourDrift(),
                report.brandColourDrift(), imageSize, samplerSteps, seedsPerPrompt,
                notMeasured.isEmpty() ? null : List.copyOf(notMeasured));
    }
}
