package io.atelier.micro.flats;

import io.atelier.taxonomy.Taxonomy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Procedural technical flats: front-view garment drawings on white with clean dark outlines, flat fills, prints
 * clipped to the garment and legible construction details. Deterministic: the same spec and size always give the
 * same pixels. Drawn in a 128-unit design space scaled to the requested size (128 by default; 64 supported).
 */
public final class FlatsGenerator {

    public static final int DEFAULT_SIZE = 128;
    public static final int MIN_SIZE = 32;
    public static final int MAX_SIZE = 1024;

    private static final Map<String, GarmentDrawer> DRAWERS = Map.of(
            "dress", DressDrawer.INSTANCE,
            "biker_jacket", JacketsDrawer.BIKER_JACKET,
            "bomber", JacketsDrawer.BOMBER,
            "trousers", BottomsDrawer.TROUSERS,
            "skirt", BottomsDrawer.SKIRT,
            "sweatshirt", TopsDrawer.SWEATSHIRT,
            "tshirt", TopsDrawer.TSHIRT,
            "handbag", HandbagDrawer.INSTANCE);

    private FlatsGenerator() {
    }

    /** Whether the generator can draw this category token. */
    public static boolean draws(String category) {
        return DRAWERS.containsKey(category);
    }

    /** Draws a flat at the default 128×128. */
    public static BufferedImage draw(FlatSpec spec) {
        return draw(spec, DEFAULT_SIZE);
    }

    /** Draws a flat as a size×size RGB image on white. */
    public static BufferedImage draw(FlatSpec spec, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be in " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
        }
        Taxonomy taxonomy = Taxonomy.standard();
        spec.validated(taxonomy);
        GarmentDrawer drawer = DRAWERS.get(spec.category());
        Proportions proportions = Proportions.of(spec.variation());
        Palette palette = Palette.of(taxonomy.require(spec.colour()).rgb(), proportions.shade(), proportions.goldMetal());

        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            // Step 1: design space -> pixels, then the flat's own proportions about the page centre.
            g.scale(size / 128.0, size / 128.0);
            g.translate(64 + proportions.dx(), 64 + proportions.dy());
            g.scale(proportions.width(), proportions.length());
            g.translate(-64, -64);
            // Step 2: outlines at least ~1.1 px wide whatever the size, so 64 px flats keep their contours.
            float outline = (float) Math.max(1.6, 1.15 * 128.0 / size);
            drawer.draw(new FlatCanvas(g, spec, palette, proportions, outline));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A random flat with its captions; the same seed and size always give the same sample. */
    public static FlatSample sample(long seed, int size) {
        return sample(FlatSpec.random(seed), size);
    }

    /** A flat of the given spec with its captions. */
    public static FlatSample sample(FlatSpec spec, int size) {
        CaptionWriter captions = new CaptionWriter(Taxonomy.standard());
        return new FlatSample(draw(spec, size), spec, captions.french(spec), captions.english(spec),
                spec.canonicalPrompt());
    }
}
