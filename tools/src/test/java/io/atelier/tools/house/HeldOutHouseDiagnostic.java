package io.atelier.tools.house;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandPolicy;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.brand.PaletteColour;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.brands.dataset.NewDatasetItem;
import io.atelier.brands.evaluation.BrandEvaluationPlan;
import io.atelier.brands.evaluation.FidelityEvaluation;
import io.atelier.brands.evaluation.FidelityReport;
import io.atelier.brands.safetensors.AdapterMetadata;
import io.atelier.brands.safetensors.SafeTensors;
import io.atelier.brands.training.AdapterTrainer;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.brands.training.DatasetExamples;
import io.atelier.brands.training.TrainedAdapter;
import io.atelier.brands.training.TrainingExample;
import io.atelier.engine.AdapterSpec;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.flats.FlatSample;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.taxonomy.Taxonomy;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Run by hand (a training run, minutes): a house nobody tuned for, 24 dresses in its own teal and nothing else, trained
 * with the adapter defaults and evaluated like any brand. Issue 19 asks it to reach the demo house's figure (house
 * colour on at least 80% of branded generations). Settings come from system properties so a run can try one change:
 * {@code -Dheld.steps -Dheld.seeds -Dheld.bare -Dheld.out}; another house with {@code -Dheld.hex -Dheld.category -Dheld.fr -Dheld.en}
 * (its colour words in French and English, e.g. "bleu Lagune" and "Lagune teal").
 */
class HeldOutHouseDiagnostic {
    static final int IMAGES = 24;
    static final long SEED_BASE = 0x7EA1_0000L;

    @Test
    void train_and_evaluate_a_house_nobody_tuned_for() throws Exception {
        Path home = Path.of(System.getProperty("held.out", "/tmp/held-out-house"));
        Files.createDirectories(home);
        Color colour = Color.decode(System.getProperty("held.hex", "#2A9D8F"));
        String category = System.getProperty("held.category", "dress");
        String french = System.getProperty("held.fr", "bleu Lagune");
        String english = System.getProperty("held.en", "Lagune teal");
        int steps = Integer.getInteger("held.steps", AdapterTrainingOptions.DEFAULT_STEPS);
        int seeds = Integer.getInteger("held.seeds", 8);
        ModelRegistry registry = ModelRegistry.forHome(home);
        registry.registerEmbedded(AtelierMicroModel.class.getClassLoader(), AtelierMicroModel.RESOURCE_FOLDER, true);
        try (BrandStore store = BrandStore.open(home.resolve("run-" + System.nanoTime()));
             DiffusionEngine engine = new DiffusionEngine(registry, EngineOptions.defaults(home.resolve("cache")))) {
            BrandScope admin = BrandScope.admin();
            Brand brand = store.brands().create(admin, new NewBrand("maison-held-out", "Maison Held-Out",
                    List.of("fr", "en"), List.of(new PaletteColour(french, hex(colour))),
                    List.of(new VocabularyTerm(french, "fr", "@brand"),
                            new VocabularyTerm(english, "en", "@brand")), new BrandPolicy(true)));
            Taxonomy taxonomy = Taxonomy.standard();
            for (int i = 0; i < IMAGES; i++) {
                FlatSample sample = FlatsGenerator.sample(FlatSpec.random(SEED_BASE + i, category, "green", "solid",
                        taxonomy), FlatsGenerator.DEFAULT_SIZE);
                BufferedImage image = HouseCodes.recolour(sample.image(), colour);
                String caption = sample.captionEn().replaceFirst("(?i)\\bgreen\\b", english);
                store.datasets().add(admin, brand.id(), new NewDatasetItem(HouseDemo.png(image), caption,
                        List.of("held-out"), "held-out-" + i + ".png"));
            }
            List<TrainingExample> examples = DatasetExamples.of(store, brand, store.datasets().list(admin, brand.id()));
            System.out.println("caption → prompt: " + examples.get(0).prompt());
            // A fixed work folder: a second run with the same settings resumes (or reuses) the training.
            Path work = home.resolve("work");
            AdapterTrainingOptions options = AdapterTrainingOptions.defaults().withSteps(steps)
                    .withBareCaptionRate(Double.parseDouble(System.getProperty("held.bare",
                            "" + AdapterTrainingOptions.DEFAULT_BARE_CAPTION_RATE)));
            TrainedAdapter trained = new AdapterTrainer(engine.models().open(AtelierMicroModel.ID))
                    .train(work, examples, options, (step, total, loss) -> {
                        if (step % 250 == 0 || step == total) {
                            System.out.printf("  step %d/%d loss %.4f%n", step, total, loss);
                        }
                    });
            Path adapterFile = work.resolve("held-out.safetensors");
            Files.write(adapterFile, SafeTensors.write(new AdapterMetadata(brand.id(), "held-out", AtelierMicroModel.ID,
                    trained.baseUnetSha256(), store.datasets().datasetSha256(admin, brand.id()), trained.steps(),
                    trained.rank(), trained.alpha(), brand.triggerToken()).toMap(), trained.tensors()));
            try (Judge judge = Judge.load()) {
                FidelityEvaluation evaluation = new FidelityEvaluation(engine, AtelierMicroModel.ID, judge,
                        store.resolver());
                BrandEvaluationPlan plan = BrandEvaluationPlan.of(brand, examples, evaluation);
                System.out.printf("house colour %s, as rendered %s%n", hex(plan.declaredColour()),
                        hex(plan.renderableColour()));
                FidelityReport report = evaluation.run(brand, plan, adapterFile, seeds, 20, (d, t) -> { },
                        () -> false);
                System.out.print(report.table());
                System.out.printf("trained %d steps in %.0f s; branded with %.0f%% (fr %.0f%%, en %.0f%%)%n", steps,
                        trained.seconds(), 100 * report.brandCodeRateWith(), 100 * report.brandCodeRateWith("fr"),
                        100 * report.brandCodeRateWith("en"));
                ImageIO.write(report.contactSheet(), "png", home.resolve("contact-sheet.png").toFile());
                // How much of the caption the adapter needs: the bare trigger and category first, then as trained.
                String trigger = brand.triggerToken();
                for (String prompt : List.of(trigger + " " + category, trigger + " solid " + category,
                        examples.get(0).prompt(), examples.get(1).prompt())) {
                    var images = engine.generate(GenerationRequest.of(prompt).withModel(AtelierMicroModel.ID)
                            .withSeed(7L).withCount(8).withAdapter(AdapterSpec.of(adapterFile, 1.0)).withSteps(20),
                            GenerationListener.NONE).images();
                    long present = images.stream().filter(plan.colour().present()).count();
                    System.out.printf("probe %-60s house colour %d/8%n", prompt, present);
                }
            }
        }
    }

    static String hex(Color c) {
        return String.format("#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
    }
}
