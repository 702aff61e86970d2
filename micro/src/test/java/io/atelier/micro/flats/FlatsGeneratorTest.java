package io.atelier.micro.flats;

import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatsGeneratorTest {

    private final Taxonomy taxonomy = Taxonomy.standard();

    @Test
    void the_same_seed_gives_the_same_pixels_and_a_different_seed_does_not() {
        for (long seed : new long[] {1, 2, 3}) {
            assertTrue(samePixels(FlatsGenerator.sample(seed, 64).image(), FlatsGenerator.sample(seed, 64).image()));
        }
        assertFalse(samePixels(FlatsGenerator.sample(1, 64).image(), FlatsGenerator.sample(2, 64).image()));
    }

    @Test
    void every_category_is_drawn_centred_on_white_at_64_and_128() {
        for (String category : taxonomy.tokens(AttributeKind.CATEGORY)) {
            assertTrue(FlatsGenerator.draws(category), category);
            for (int size : new int[] {64, 128}) {
                FlatSpec spec = FlatSpec.random(7, category, "red", "solid", taxonomy);
                BufferedImage image = FlatsGenerator.draw(spec, size);
                assertEquals(size, image.getWidth());
                assertEquals(size, image.getHeight());
                double inked = inkedFraction(image);
                assertTrue(inked > 0.12 && inked < 0.75, category + " inked " + inked);
                for (int[] corner : new int[][] {{0, 0}, {size - 1, 0}, {0, size - 1}, {size - 1, size - 1}}) {
                    assertEquals(0xFFFFFF, image.getRGB(corner[0], corner[1]) & 0xFFFFFF, category + " corner");
                }
            }
        }
    }

    @Test
    void a_solid_flat_is_mostly_its_taxonomy_colour() {
        for (String colour : taxonomy.tokens(AttributeKind.COLOUR)) {
            Color expected = Color.decode(taxonomy.require(colour).rgb());
            BufferedImage image = FlatsGenerator.draw(new FlatSpec("skirt", colour, "solid", List.of("pockets"), null, 3), 128);
            Color dominant = dominantInk(image);
            double distance = Math.abs(dominant.getRed() - expected.getRed())
                    + Math.abs(dominant.getGreen() - expected.getGreen())
                    + Math.abs(dominant.getBlue() - expected.getBlue());
            assertTrue(distance < 60, colour + ": dominant " + dominant + " expected " + expected);
        }
    }

    @Test
    void a_print_adds_a_second_ink_inside_the_garment_only() {
        FlatSpec solid = new FlatSpec("skirt", "blue", "solid", List.of(), null, 42);
        FlatSpec striped = new FlatSpec("skirt", "blue", "stripes", List.of(), null, 42);
        BufferedImage a = FlatsGenerator.draw(solid, 128);
        BufferedImage b = FlatsGenerator.draw(striped, 128);
        int changed = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                boolean outsideGarment = (a.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
                if (outsideGarment) {
                    assertEquals(0xFFFFFF, b.getRGB(x, y) & 0xFFFFFF, "stripes leaked outside at " + x + "," + y);
                } else if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 500, "stripes changed only " + changed + " pixels");
    }

    @Test
    void random_specs_use_applicable_details_and_one_sleeve_length() {
        for (long seed = 0; seed < 500; seed++) {
            FlatSpec spec = FlatSpec.random(seed);
            List<String> applicable = taxonomy.applicableDetails(spec.category());
            assertTrue(applicable.containsAll(spec.details()), spec.toString());
            boolean sleeved = applicable.stream().anyMatch(FlatSpec.SLEEVE_LENGTHS::contains);
            long lengths = spec.details().stream().filter(FlatSpec.SLEEVE_LENGTHS::contains).count();
            assertEquals(sleeved ? 1 : 0, lengths, spec.toString());
        }
    }

    @Test
    void an_inapplicable_detail_or_bad_size_is_refused() {
        FlatSpec sleevedBag = new FlatSpec("handbag", "red", "solid", List.of("long_sleeves"), null, 1);
        assertThrows(IllegalArgumentException.class, () -> FlatsGenerator.draw(sleevedBag, 128));
        FlatSpec fine = new FlatSpec("handbag", "red", "solid", List.of("clasp"), "leather", 1);
        assertThrows(IllegalArgumentException.class, () -> FlatsGenerator.draw(fine, 8));
    }

    @Test
    void french_captions_agree_with_the_garment_gender() {
        FlatSpec dress = new FlatSpec("dress", "green", "solid", List.of("belt", "short_sleeves"), "cotton", 2);
        FlatSpec bomber = new FlatSpec("bomber", "green", "solid", List.of("zip", "long_sleeves"), null, 2);
        FlatSpec skirt = new FlatSpec("skirt", "purple", "stripes", List.of(), null, 2);
        FlatSpec bag = new FlatSpec("handbag", "orange", "polka_dots", List.of("clasp", "metal_corners"), "leather", 2);
        assertEquals("une robe verte unie à manches courtes avec une ceinture, en coton",
                FlatsGenerator.sample(dress, 64).captionFr());
        assertEquals("un blouson vert uni à manches longues avec un zip", FlatsGenerator.sample(bomber, 64).captionFr());
        assertEquals("une jupe violette rayée", FlatsGenerator.sample(skirt, 64).captionFr());
        assertEquals("un sac à main orange à pois avec des coins métalliques et un fermoir, en cuir",
                FlatsGenerator.sample(bag, 64).captionFr());
        assertEquals("a green solid short-sleeved dress with a belt, in cotton", FlatsGenerator.sample(dress, 64).captionEn());
        assertEquals("an orange polka-dot handbag with metal corners and a clasp, in leather",
                FlatsGenerator.sample(bag, 64).captionEn());
        assertEquals("purple stripes skirt", FlatsGenerator.sample(skirt, 64).canonicalPrompt());
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double inkedFraction(BufferedImage image) {
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        return inked / (double) (image.getWidth() * image.getHeight());
    }

    /** The most frequent non-white colour, bucketed to 16 levels per channel. */
    private static Color dominantInk(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        Map<Integer, Integer> examples = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0xFFFFFF) {
                    continue;
                }
                int bucket = ((rgb >> 20) & 0xF) << 8 | ((rgb >> 12) & 0xF) << 4 | ((rgb >> 4) & 0xF);
                counts.merge(bucket, 1, Integer::sum);
                examples.putIfAbsent(bucket, rgb);
            }
        }
        int best = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new Color(examples.get(best));
    }
}
