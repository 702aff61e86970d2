package io.atelier.tools.house;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.adapter.AdapterSpec;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.dataset.DatasetItem;
import io.atelier.brands.dataset.NewDatasetItem;
import io.atelier.brands.evaluation.BrandEvaluationPlan;
import io.atelier.brands.evaluation.CodeDetector;
import io.atelier.brands.evaluation.FidelityEvaluation;
import io.atelier.brands.evaluation.FidelityReport;
import io.atelier.brands.safetensors.AdapterMetadata;
import io.atelier.brands.training.AdapterTrainer;
import io.atelier.brands.training.DatasetExamples;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.brands.training.TrainedAdapter;
import io.atelier.brands.training.TrainingExample;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelPackage;
import io.atelier.micro.judge.Judge;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The demo of issue 5, end to end on one machine: create Maison Exemple, import its flats, train its adapter, evaluate
 * it, print the table. The same steps the bridge runs as jobs, run here in the calling thread.
 */
public final class HouseDemo {
    /** What the demo made. */
    public record Result(String adapterId, TrainedAdapter trained, FidelityReport report, Path lossCurve,
                         Path contactSheet) {
    }

    private HouseDemo() {
    }

    public static Result run(BrandStore store, DiffusionEngine engine, ModelPackage model, Path home,
                             AdapterTrainingOptions options, int seedsPerPrompt, int steps, PrintStream log)
            throws IOException {
        MaisonExemple house = MaisonExemple.load();
        BrandScope admin = BrandScope.admin();
        // Step 1: the brand (kept if it exists: the demo can run again).
        Brand brand;
        try {
            brand = store.brands().get(admin, house.id());
        } catch (NotFoundException e) {
            brand = store.brands().create(admin, house.newBrand());
        }
        log.printf("brand %s (%s), trigger token %s%n", brand.id(), brand.displayName(), brand.triggerToken());
        // Step 2: the dataset (duplicates are recognised, so a second run adds nothing).
        int added = 0;
        for (MaisonExemple.HouseFlat flat : house.dataset()) {
            var result = store.datasets().add(admin, brand.id(), new NewDatasetItem(png(flat.image()), flat.caption(),
                    List.of("demo"), flat.fileName()));
            added += result.duplicate() ? 0 : 1;
        }
        List<DatasetItem> items = store.datasets().list(admin, brand.id());
        log.printf("dataset: %d images (%d added now)%n", items.size(), added);
        // Step 3: train and publish.
        String unetSha = model.manifest().components().get(ModelManifest.UNET).sha256();
        AdapterRecord adapter = store.adapters().begin(admin, brand.id(), new AdapterSpec(model.id(), unetSha,
                store.datasets().datasetSha256(admin, brand.id()), items.size(), options.steps(), options.rank(),
                options.learningRate(), options.seed()));
        Path work = home.resolve("adapters-work").resolve(adapter.id());
        List<TrainingExample> examples = DatasetExamples.of(store, brand, items);
        log.printf("training %s: %d steps, rank %d, batch %d%n", adapter.id(), options.steps(), options.rank(),
                options.batch());
        TrainedAdapter trained = new AdapterTrainer(model).train(work, examples, options, (step, total, loss) -> {
            if (step % 50 == 0 || step == total) {
                log.printf("  step %d/%d loss %.4f%n", step, total, loss);
            }
        });
        Path out = home.resolve("demo");
        Files.createDirectories(out);
        Path lossCurve = out.resolve(adapter.id() + "-loss.png");
        Files.copy(work.resolve("loss.png"), lossCurve, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AdapterRecord published = store.adapterPublisher().publish(adapter.id(), new AdapterMetadata(brand.id(),
                adapter.id(), model.id(), trained.baseUnetSha256(), adapter.spec().datasetSha256(), trained.steps(),
                trained.rank(), trained.alpha(), brand.triggerToken()), trained.tensors());
        log.printf("trained in %.0f s (final loss %.4f); published %s%n", trained.seconds(), trained.finalLoss(),
                published.filePath());
        // Step 4: evaluate.
        FidelityReport report = evaluate(store, engine, model.id(), home, brand.id(), seedsPerPrompt, steps, log);
        return new Result(adapter.id(), trained, report, lossCurve, out.resolve(adapter.id() + "-contact-sheet.png"));
    }

    /** Evaluates the brand's current adapter; the house colour is the brand's first palette colour. */
    public static FidelityReport evaluate(BrandStore store, DiffusionEngine engine, String modelId, Path home,
                                          String brandId, int seedsPerPrompt, int steps, PrintStream log)
            throws IOException {
        BrandScope admin = BrandScope.admin();
        Brand brand = store.brands().get(admin, brandId);
        AdapterRecord adapter = store.adapters().current(admin, brandId)
                .orElseThrow(() -> new NotFoundException("adapter", "adapter"));
        FidelityReport report;
        try (Judge judge = Judge.load()) {
            FidelityEvaluation evaluation = new FidelityEvaluation(engine, modelId, judge, store.resolver());
            BrandEvaluationPlan measured = BrandEvaluationPlan.of(brand,
                    DatasetExamples.of(store, brand, store.datasets().list(admin, brandId)), evaluation)
                    .withDetail(new CodeDetector("gold chain", HouseCodes::chainPresent));
            // The house's flats carry a chain strap that is not the garment: its colour is counted without it.
            Color renderable = measured.renderableColour();
            BrandEvaluationPlan plan = measured.withColour(new CodeDetector(measured.colour().label(),
                    image -> HouseCodes.houseColourPresent(image, renderable)));
            log.printf("house colour %s; as this model renders it (autoencoder round trip): %s%n",
                    hex(plan.declaredColour()), hex(plan.renderableColour()));
            report = evaluation.run(brand, plan, home.resolve(adapter.filePath()), seedsPerPrompt, steps, (done, total) -> { }, () -> false);
        }
        Path out = home.resolve("demo");
        Files.createDirectories(out);
        Path sheet = out.resolve(adapter.id() + "-contact-sheet.png");
        ImageIO.write(report.contactSheet(), "png", sheet.toFile());
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("brandCodeRateWith", report.brandCodeRateWith());
        evaluation.put("brandCodeRateWithout", report.brandCodeRateWithout());
        evaluation.put("forgettingPoints", report.forgettingPoints());
        evaluation.put("evaluatedAt", Instant.now().toString());
        store.adapters().recordEvaluation(adapter.id(), new ObjectMapper().writeValueAsString(evaluation));
        log.print(report.table());
        log.printf("evaluated %s in %.0f s; contact sheet %s%n", adapter.id(), report.seconds(), sheet);
        return report;
    }

    static String hex(Color c) {
        return String.format("#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
