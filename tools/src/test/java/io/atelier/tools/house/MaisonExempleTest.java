package io.atelier.tools.house;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.training.DatasetExamples;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo house's data: its flats carry the house colour and the gold chain (which the model's autoencoder keeps),
 * other flats do not, captions resolve to the trigger.
 */
class MaisonExempleTest {
    @TempDir
    Path home;

    @Test
    void every_house_flat_shows_the_house_colour_and_is_the_same_on_every_run() {
        MaisonExemple house = MaisonExemple.load();
        List<MaisonExemple.HouseFlat> flats = house.dataset();
        assertEquals(MaisonExemple.DATASET_SIZE, flats.size());
        for (MaisonExemple.HouseFlat flat : flats) {
            assertTrue(HouseCodes.houseColourPresent(flat.image(), house.houseColour()), flat.fileName());
        }
        var again = house.dataset().get(7).image();
        assertEquals(HouseDemo.png(flats.get(7).image()).length, HouseDemo.png(again).length);
    }

    @Test
    void base_flats_in_canonical_colours_do_not_count_as_the_house_colour() {
        MaisonExemple house = MaisonExemple.load();
        Taxonomy taxonomy = Taxonomy.standard();
        for (String colour : List.of("green", "blue", "navy", "grey", "yellow", "black")) {
            for (int seed = 0; seed < 3; seed++) {
                var flat = FlatsGenerator.draw(FlatSpec.random(seed, "dress", colour, "solid", taxonomy), 128);
                assertFalse(HouseCodes.houseColourPresent(flat, house.houseColour()), colour + " " + seed);
            }
        }
    }

    @Test
    void the_gold_chain_is_found_on_every_house_flat_and_on_almost_no_base_flat() {
        for (MaisonExemple.HouseFlat flat : MaisonExemple.load().dataset()) {
            assertTrue(HouseCodes.chainPresent(flat.image()), flat.fileName());
        }
        int falsePositives = 0;
        int gold = 0;
        for (long seed = 0; seed < 400; seed++) {
            var flat = FlatsGenerator.sample(seed, 128);
            falsePositives += HouseCodes.chainPresent(flat.image()) ? 1 : 0;
            gold += flat.spec().colour().equals("yellow") ? 1 : 0;
        }
        assertTrue(falsePositives <= 4, falsePositives + " of 400 base flats (" + gold + " yellow) read as chained");
        // Without its chain, a house flat is just a teal garment.
        var plain = HouseCodes.recolour(FlatsGenerator.draw(FlatSpec.random(3, "handbag", "green", "solid",
                Taxonomy.standard()), 128), MaisonExemple.load().houseColour());
        assertFalse(HouseCodes.chainPresent(plain));
    }

    @Test
    void the_gold_chain_survives_the_autoencoder_round_trip_so_an_adapter_can_learn_it() {
        // Only what survives encode-decode can come out of the UNet: one flat per category, the hooded sweatshirt
        // (the closest call, ChainRoundTripDiagnostic) among them.
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        registry.registerEmbedded(AtelierMicroModel.class.getClassLoader(), AtelierMicroModel.RESOURCE_FOLDER, true);
        try (DiffusionEngine engine = new DiffusionEngine(registry, EngineOptions.defaults(home.resolve("cache")))) {
            List<MaisonExemple.HouseFlat> flats = MaisonExemple.load().dataset();
            for (MaisonExemple.HouseFlat flat : flats.subList(0, MaisonExemple.CATEGORIES.size())) {
                var round = ChainRoundTripDiagnostic.roundTrip(engine, flat.image());
                assertTrue(HouseCodes.chainPresent(round), flat.fileName() + " keeps "
                        + HouseCodes.chainShare(round) + " of chain after the round trip");
            }
            var plain = ChainRoundTripDiagnostic.roundTrip(engine, FlatsGenerator.sample(0, 128).image());
            assertFalse(HouseCodes.chainPresent(plain), "a base flat gains no chain in the round trip");
        }
    }

    @Test
    void house_captions_resolve_to_the_trigger_token_and_the_category() throws Exception {
        MaisonExemple house = MaisonExemple.load();
        try (BrandStore store = BrandStore.open(home)) {
            Brand brand = store.brands().create(BrandScope.admin(), house.newBrand());
            MaisonExemple.HouseFlat first = house.dataset().get(0);
            String prompt = DatasetExamples.prompt(store, brand, first.caption());
            assertTrue(prompt.startsWith(brand.triggerToken() + " "), prompt);
            assertTrue(prompt.contains("dress"), prompt);
            assertFalse(prompt.contains("green"), "the house colour is not the canonical green: " + prompt);
            assertEquals(store.resolver().resolve(brand, "robe vert Exemple", "fr").prompt(),
                    store.resolver().resolve(brand, "Exemple green dress", "en").prompt(),
                    "French and English house words give the same model prompt");
        }
    }

    @Test
    void house_captions_say_the_house_words_in_good_english() {
        assertEquals("an Exemple green solid dress with a collar, with a gold chain",
                MaisonExemple.houseCaption("a green solid dress with a collar"));
        assertEquals("a pair of Exemple green solid trousers, with a gold chain",
                MaisonExemple.houseCaption("a pair of green solid trousers"));
    }

    @Test
    void the_chain_strap_does_not_count_against_the_house_colour() {
        MaisonExemple house = MaisonExemple.load();
        var plain = HouseCodes.recolour(FlatsGenerator.draw(FlatSpec.random(4, "tshirt", "green", "solid",
                Taxonomy.standard()), 128), house.houseColour());
        double without = HouseCodes.houseColourShare(plain, house.houseColour());
        HouseCodes.paintChain(plain, 4);
        assertEquals(without, HouseCodes.houseColourShare(plain, house.houseColour()), 0.05,
                "the strap is not the garment (its anti-aliased edge on white still counts: about 3 points)");
    }
}
