package io.atelier.tools.house;

import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.flats.FlatSample;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.model.AtelierMicroModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures behind {@link HouseCodes#CHAIN_PRESENT_SHARE} and the chain's size: how much chain the house flats keep
 * through atelier-micro's autoencoder, and how much "chain" base flats show without one. A measurement, not a test:
 * its name keeps it out of the default run (about a minute). Run it by hand:
 * {@code ./mvnw -q -B -pl tools -am test -Dtest=ChainRoundTripDiagnostic -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChainRoundTripDiagnostic {
    private static final int BASE_FLATS = 1200;
    private static final int BASE_ROUND_TRIPS = 60;

    @TempDir
    Path home;

    @Test
    void print_chain_shares_before_and_after_an_autoencoder_round_trip() {
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        registry.registerEmbedded(AtelierMicroModel.class.getClassLoader(), AtelierMicroModel.RESOURCE_FOLDER, true);
        try (DiffusionEngine engine = new DiffusionEngine(registry, EngineOptions.defaults(home.resolve("cache")))) {
            houseFlats(engine);
            baseFlats(engine);
        }
    }

    /** The same redraw at strength 0 that FidelityEvaluation uses to see a colour as the model renders it. */
    static BufferedImage roundTrip(DiffusionEngine engine, BufferedImage image) {
        GenerationRequest request = GenerationRequest.of("").withModel(AtelierMicroModel.ID).withSeed(1L)
                .withInitImage(image, 0.0);
        return engine.generate(request, GenerationListener.NONE).images().get(0);
    }

    private static void houseFlats(DiffusionEngine engine) {
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        int presentBefore = 0;
        int presentAfter = 0;
        for (MaisonExemple.HouseFlat flat : MaisonExemple.load().dataset()) {
            BufferedImage round = roundTrip(engine, flat.image());
            before.add(HouseCodes.chainShare(flat.image()));
            after.add(HouseCodes.chainShare(round));
            presentBefore += HouseCodes.chainPresent(flat.image()) ? 1 : 0;
            presentAfter += HouseCodes.chainPresent(round) ? 1 : 0;
            System.out.printf("%s chainShare %.4f -> %.4f%n", flat.fileName(), before.get(before.size() - 1),
                    after.get(after.size() - 1));
        }
        System.out.printf("house flats: chain present %d/%d before, %d/%d after the round trip%n", presentBefore,
                before.size(), presentAfter, after.size());
        System.out.println("  chainShare before: " + summary(before));
        System.out.println("  chainShare after:  " + summary(after));
    }

    private static void baseFlats(DiffusionEngine engine) {
        List<Double> plain = new ArrayList<>();
        int goldGarments = 0;
        int goldGarmentsOver = 0;
        int falsePositives = 0;
        List<Double> rounds = new ArrayList<>();
        int roundPositives = 0;
        for (long seed = 0; seed < BASE_FLATS; seed++) {
            FlatSample flat = FlatsGenerator.sample(seed, FlatsGenerator.DEFAULT_SIZE);
            double share = HouseCodes.chainShare(flat.image());
            if (HouseCodes.goldGarment(flat.image())) {
                goldGarments++;
                goldGarmentsOver += share >= HouseCodes.CHAIN_PRESENT_SHARE ? 1 : 0;
            } else {
                plain.add(share);
            }
            falsePositives += HouseCodes.chainPresent(flat.image()) ? 1 : 0;
            if (seed < BASE_ROUND_TRIPS) {
                BufferedImage round = roundTrip(engine, flat.image());
                if (!HouseCodes.goldGarment(round)) {
                    rounds.add(HouseCodes.chainShare(round));
                }
                roundPositives += HouseCodes.chainPresent(round) ? 1 : 0;
            }
        }
        System.out.printf("base flats: %d, chain present on %d (threshold %.4f)%n", BASE_FLATS, falsePositives,
                HouseCodes.CHAIN_PRESENT_SHARE);
        System.out.println("  not gold-coloured (" + plain.size() + "): " + summary(plain));
        System.out.printf("  gold-coloured garments (excluded): %d, %d of them over the threshold by share alone%n",
                goldGarments, goldGarmentsOver);
        System.out.printf("  round trips of the first %d: chain present on %d; not gold-coloured (%d): %s%n",
                BASE_ROUND_TRIPS, roundPositives, rounds.size(), summary(rounds));
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return String.format("min %.4f p10 %.4f median %.4f p90 %.4f p98 %.4f p99 %.4f max %.4f", sorted.get(0),
                sorted.get(n / 10), sorted.get(n / 2), sorted.get(n * 9 / 10), sorted.get(n * 98 / 100),
                sorted.get(n * 99 / 100), sorted.get(n - 1));
    }
}
