package io.atelier.tools.cli;

import io.atelier.brands.BrandStore;
import io.atelier.brands.NotFoundException;
import io.atelier.tools.house.HouseDemo;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.brands.training.PriorPreservation;
import io.atelier.bridge.cli.HomeOption;
import io.atelier.bridge.generate.GenerationEngines;
import io.atelier.engine.DiffusionEngine;
import io.atelier.micro.model.AtelierMicroModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atelier demo brand} and {@code atelier eval brand ID}: the demo house, end to end, and its evaluation. */
public final class DemoCommand {
    private DemoCommand() {
    }

    static DiffusionEngine engine(Path home) {
        return GenerationEngines.open(home);
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Demonstrations.",
            subcommands = {Brand.class})
    public static final class Demo implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    @Command(name = "brand", mixinStandardHelpOptions = true,
            description = "Create Maison Exemple, import its flats, train its adapter, evaluate it, print the table.")
    public static final class Brand implements Callable<Integer> {
        @Option(names = "--steps", defaultValue = "" + AdapterTrainingOptions.DEFAULT_STEPS,
                description = "Training steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--rank", defaultValue = "" + AdapterTrainingOptions.DEFAULT_RANK,
                description = "LoRA rank, 1 to ${DEFAULT-VALUE} (default ${DEFAULT-VALUE}).")
        int rank;

        @Option(names = "--learning-rate", defaultValue = "" + AdapterTrainingOptions.DEFAULT_LEARNING_RATE,
                description = "Adam's peak learning rate (default ${DEFAULT-VALUE}).")
        float learningRate;

        @Option(names = "--preservation", defaultValue = "TEACHER",
                description = "What plain flats train towards: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        PriorPreservation.Target preservation;

        @Option(names = "--preservation-weight", defaultValue = "" + PriorPreservation.DEFAULT_WEIGHT,
                description = "With TEACHER: weight of a plain flat's loss against a house image's (default ${DEFAULT-VALUE}).")
        float preservationWeight;

        @Option(names = "--bare-caption-rate", defaultValue = "" + AdapterTrainingOptions.DEFAULT_BARE_CAPTION_RATE,
                description = "Share of house rows trained on the trigger and category alone (default: ${DEFAULT-VALUE}).")
        double bareCaptionRate;

        @Mixin
        FidelitySamplingOptions sampling;

        @Mixin
        HomeOption home;

        @Override
        public Integer call() throws Exception {
            Path dir = home.resolve();
            AdapterTrainingOptions options = AdapterTrainingOptions.defaults().withSteps(steps).withRank(rank)
                    .withLearningRate(learningRate).withPreservation(PriorPreservation.defaults().withTarget(preservation)
                            .withWeight(preservationWeight)).withBareCaptionRate(bareCaptionRate);
            try (BrandStore store = BrandStore.open(dir); DiffusionEngine engine = engine(dir)) {
                var model = engine.models().open(AtelierMicroModel.ID);
                HouseDemo.Result result = HouseDemo.run(store, engine, model, dir,
                        options, sampling.seeds, sampling.sampleSteps, System.out);
                System.out.println("loss curve: " + result.lossCurve());
                return 0;
            }
        }
    }

    @Command(name = "brand", mixinStandardHelpOptions = true,
            description = "Score a brand's current adapter with the judge: house codes with and without it, forgetting.")
    public static final class EvalBrand implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The brand.")
        String brand;

        @Mixin
        FidelitySamplingOptions sampling;

        @Mixin
        HomeOption home;

        @Override
        public Integer call() throws Exception {
            Path dir = home.resolve();
            try (BrandStore store = BrandStore.open(dir); DiffusionEngine engine = engine(dir)) {
                HouseDemo.evaluate(store, engine, AtelierMicroModel.ID, dir, brand, sampling.seeds, sampling.sampleSteps,
                        System.out);
                return 0;
            } catch (NotFoundException e) {
                System.err.println("No brand " + brand + " with a trained adapter here.");
                return 2;
            }
        }
    }
}
