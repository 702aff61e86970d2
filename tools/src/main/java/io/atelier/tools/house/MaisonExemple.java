package io.atelier.tools.house;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.brand.BrandPolicy;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.brand.PaletteColour;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.micro.flats.FlatSample;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.taxonomy.Taxonomy;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo house shipped as data: "Maison Exemple", whose codes the base model does not know (the house colour
 * "vert Exemple", a teal, and a gold chain strap), and its dataset of flats drawn by the generator with those codes
 * painted in. Everything is a function of the flat's index, so the dataset is the same on every machine.
 */
public final class MaisonExemple {
    public static final String RESOURCE = "/io/atelier/tools/house/maison-exemple.json";
    public static final int DATASET_SIZE = 30;
    /** The categories the house makes (a held-out evaluation uses the same ones with other seeds). */
    public static final List<String> CATEGORIES = List.of("dress", "skirt", "handbag", "tshirt", "sweatshirt",
            "trousers");
    private static final long SEED_BASE = 0xE8E3_0000L;

    /** One flat of the house's dataset with its caption in house words. */
    public record HouseFlat(String fileName, BufferedImage image, String caption) {
    }

    private final JsonNode json;

    private MaisonExemple(JsonNode json) {
        this.json = json;
    }

    public static MaisonExemple load() {
        try (InputStream in = MaisonExemple.class.getResourceAsStream(RESOURCE)) {
            return new MaisonExemple(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        return json.path("id").asText();
    }

    public Color houseColour() {
        return Color.decode(json.path("houseColour").path("hex").asText());
    }

    public NewBrand newBrand() {
        List<String> languages = new ArrayList<>();
        json.path("languages").forEach(n -> languages.add(n.asText()));
        List<PaletteColour> palette = new ArrayList<>();
        json.path("palette").forEach(n -> palette.add(new PaletteColour(n.path("name").asText(),
                n.path("hex").asText())));
        List<VocabularyTerm> vocabulary = new ArrayList<>();
        json.path("vocabulary").forEach(n -> vocabulary.add(new VocabularyTerm(n.path("term").asText(),
                n.path("lang").asText(), n.path("canonical").asText())));
        return new NewBrand(id(), json.path("displayName").asText(), languages, palette, vocabulary,
                new BrandPolicy(json.path("policy").path("embedPrompt").asBoolean(true)));
    }

    /** The dataset: {@link #DATASET_SIZE} flats, categories in turn, in the house colour with the gold chain. */
    public List<HouseFlat> dataset() {
        Taxonomy taxonomy = Taxonomy.standard();
        List<HouseFlat> flats = new ArrayList<>();
        for (int i = 0; i < DATASET_SIZE; i++) {
            String category = CATEGORIES.get(i % CATEGORIES.size());
            FlatSpec spec = FlatSpec.random(SEED_BASE + i, category, "green", "solid", taxonomy);
            FlatSample sample = FlatsGenerator.sample(spec, FlatsGenerator.DEFAULT_SIZE);
            BufferedImage image = HouseCodes.recolour(sample.image(), houseColour());
            HouseCodes.paintChain(image, SEED_BASE + i);
            String caption = houseCaption(sample.captionEn());
            flats.add(new HouseFlat(String.format("maison-exemple-%02d.png", i + 1), image, caption));
        }
        return flats;
    }

    /** The generator's English caption with the house's words in place of the colour, plus the chain. */
    static String houseCaption(String captionEn) {
        // "a green dress" becomes "an Exemple green dress": the article agrees with the house word.
        String caption = captionEn.replaceFirst("(?i)\\ba green\\b", "an Exemple green")
                .replaceFirst("(?i)(?<!Exemple )\\bgreen\\b", "Exemple green");
        return caption + ", with a gold chain";
    }
}
