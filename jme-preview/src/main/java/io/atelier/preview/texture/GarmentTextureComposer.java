package io.atelier.preview.texture;

import io.atelier.preview.garment.GarmentModel;
import io.atelier.preview.garment.Panel;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Lays a picture out on the garment's texture atlas ({@link Panel#FRONT} square left, {@link Panel#BACK} square
 * right) the way it would be cut from cloth:
 * <ul>
 *   <li>a <em>flat</em> (one garment on paper): the whole atlas is first laid with the garment's own fabric, a swatch
 *   from the middle of the flat mirror-tiled at the flat's scale; then, row by row, the garment's pixels inside its
 *   outline are stretched across the width the mesh shows from the front ({@link FrontCoverage}). The paper is cut
 *   out: no background pixel reaches the cloth, and where the mesh is wider than the drawing (a dress form's
 *   shoulders under a narrow strap) the garment's fabric continues rather than a guessed flat colour;</li>
 *   <li><em>fabric</em> (a print, a swatch, a full-bleed pattern): the picture itself is mirror-tiled over front and
 *   back, {@link #PRINT_REPEAT_METRES} of cloth per picture width, colours untouched.</li>
 * </ul>
 */
public final class GarmentTextureComposer {
    /** How much cloth one picture of fabric shows: a generated print reads like a 35 cm swatch. */
    static final float PRINT_REPEAT_METRES = 0.35f;
    /** Flat rows whose garment extent is smoothed together, so a noisy outline does not make the print wobble. */
    private static final int SPAN_SMOOTHING_ROWS = 2;

    private GarmentTextureComposer() {
    }

    /** An atlas of {@code 2 * height} by {@code height} pixels (front square left, back square right). */
    public static BufferedImage compose(BufferedImage picture, GarmentModel garment, int height) {
        FlatAnalysis analysis = FlatAnalysis.of(picture);
        return analysis.isFlat() ? flat(analysis, garment, height) : fabric(picture, garment, height);
    }

    /** The picture is cloth: tiled over the whole atlas at a real-world scale. */
    static BufferedImage fabric(BufferedImage picture, GarmentModel garment, int height) {
        int tileW = Math.max(4, Math.round(height * PRINT_REPEAT_METRES / garment.projection().side()));
        int tileH = Math.max(4, Math.round((float) tileW * picture.getHeight() / picture.getWidth()));
        BufferedImage atlas = new BufferedImage(2 * height, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = atlas.createGraphics();
        fill(g, mirroredTile(picture, tileW, tileH), 0, 2 * height, height);
        g.dispose();
        return atlas;
    }

    private static BufferedImage flat(FlatAnalysis analysis, GarmentModel garment, int height) {
        BufferedImage cloth = paperToCloth(analysis);
        FrontCoverage coverage = FrontCoverage.of(garment, height);
        Rectangle b = analysis.bounds();
        BufferedImage atlas = new BufferedImage(2 * height, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = atlas.createGraphics();
        g.setColor(analysis.dominant());
        g.fillRect(0, 0, 2 * height, height);

        // Step 1: the garment's fabric everywhere, at the flat's scale (atlas pixels per flat pixel).
        float[] s = garment.frontSilhouette();
        float scale = Math.max(1e-3f, (s[2] - s[0]) * height / b.width);
        BufferedImage swatch = swatch(analysis, cloth);
        int tileW = Math.max(4, Math.round(swatch.getWidth() * scale));
        int tileH = Math.max(4, Math.round(swatch.getHeight() * scale));
        fill(g, mirroredTile(swatch, tileW, tileH), 0, 2 * height, height);
        g.dispose();
        if (coverage.isEmpty()) {
            return atlas;
        }

        // Step 2: front panel, each covered row takes the flat row at the same relative height, stretched from the
        // garment's left edge to its right edge onto the mesh's; only pixels inside the outline are copied.
        BufferedImage src = analysis.image();
        int rows = coverage.bottom() - coverage.top() + 1;
        for (int y = coverage.top(); y <= coverage.bottom(); y++) {
            int[] mesh = coverage.span(y);
            if (mesh == null) {
                continue;
            }
            float fy = b.y + (y - coverage.top() + 0.5f) / rows * b.height - 0.5f;
            int flatRow = Math.max(b.y, Math.min(b.y + b.height - 1, Math.round(fy)));
            int[] garmentSpan = garmentSpan(analysis, flatRow);
            for (int x = mesh[0]; x <= mesh[1]; x++) {
                float fx = garmentSpan[0] + (x - mesh[0] + 0.5f) / (mesh[1] - mesh[0] + 1) * (garmentSpan[1] - garmentSpan[0] + 1) - 0.5f;
                int ix = Math.max(0, Math.min(src.getWidth() - 1, Math.round(fx)));
                if (analysis.isInside(ix, flatRow)) {
                    atlas.setRGB(x, y, bilinearInside(analysis, fx, fy));
                }
            }
        }
        return atlas;
    }

    /** {left, right} of the garment in a flat row, the median over a few neighbouring rows; the bounds if none. */
    private static int[] garmentSpan(FlatAnalysis analysis, int row) {
        Rectangle b = analysis.bounds();
        int[] lefts = new int[2 * SPAN_SMOOTHING_ROWS + 1];
        int[] rights = new int[lefts.length];
        int n = 0;
        for (int y = row - SPAN_SMOOTHING_ROWS; y <= row + SPAN_SMOOTHING_ROWS; y++) {
            if (y < b.y || y >= b.y + b.height) {
                continue;
            }
            int left = -1;
            int right = -1;
            for (int x = b.x; x < b.x + b.width; x++) {
                if (analysis.isForeground(x, y)) {
                    left = left < 0 ? x : left;
                    right = x;
                }
            }
            if (left >= 0) {
                lefts[n] = left;
                rights[n++] = right;
            }
        }
        if (n == 0) {
            return new int[] {b.x, b.x + b.width - 1};
        }
        java.util.Arrays.sort(lefts, 0, n);
        java.util.Arrays.sort(rights, 0, n);
        return new int[] {lefts[n / 2], rights[n / 2]};
    }

    /** Bilinear colour at (fx, fy) from the pixels inside the outline only (outline blends would bleed paper in). */
    private static int bilinearInside(FlatAnalysis analysis, float fx, float fy) {
        BufferedImage src = analysis.image();
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        float tx = fx - x0;
        float ty = fy - y0;
        float r = 0, gr = 0, bl = 0, weight = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int x = Math.max(0, Math.min(src.getWidth() - 1, x0 + dx));
                int y = Math.max(0, Math.min(src.getHeight() - 1, y0 + dy));
                if (!analysis.isInside(x, y)) {
                    continue;
                }
                float wgt = (dx == 0 ? 1 - tx : tx) * (dy == 0 ? 1 - ty : ty);
                int rgb = src.getRGB(x, y);
                r += wgt * ((rgb >> 16) & 0xFF);
                gr += wgt * ((rgb >> 8) & 0xFF);
                bl += wgt * (rgb & 0xFF);
                weight += wgt;
            }
        }
        if (weight <= 0) {
            return src.getRGB(Math.round(fx), Math.round(fy));
        }
        return Math.round(r / weight) << 16 | Math.round(gr / weight) << 8 | Math.round(bl / weight);
    }

    private static void fill(Graphics2D g, BufferedImage tile, int x0, int x1, int height) {
        for (int y = 0; y < height; y += tile.getHeight()) {
            for (int x = x0; x < x1; x += tile.getWidth()) {
                g.drawImage(tile, x, y, null);
            }
        }
    }

    /** An atlas of one colour, for previews without a flat. */
    public static BufferedImage plain(Color colour, int height) {
        BufferedImage atlas = new BufferedImage(2 * height, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = atlas.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 2 * height, height);
        g.dispose();
        return atlas;
    }

    /** The flat with its paper painted in the dominant colour, so no paper shows on the cloth. */
    static BufferedImage paperToCloth(FlatAnalysis analysis) {
        BufferedImage src = analysis.image();
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        int fill = analysis.dominant().getRGB();
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                out.setRGB(x, y, analysis.isInside(x, y) ? src.getRGB(x, y) : fill);
            }
        }
        return out;
    }

    /**
     * A square of cloth showing the fabric rather than the garment's details: among nine candidate centres
     * around the middle of the garment, each grown while it stays (almost) all cloth, the one with the least
     * edge energy per pixel, so a zip or a placket is not repeated across the back while stripes or dots,
     * present everywhere, still are.
     */
    static BufferedImage swatch(FlatAnalysis analysis, BufferedImage cloth) {
        Rectangle b = analysis.bounds();
        int minHalf = Math.max(2, Math.min(b.width, b.height) / 10);
        int[] best = null;
        double bestEnergy = Double.MAX_VALUE;
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                int cx = b.x + b.width / 2 + i * b.width / 5;
                int cy = b.y + b.height / 2 + j * b.height / 5;
                int half = minHalf;
                if (clothFraction(analysis, cx - half, cy - half, 2 * half) < 0.95) {
                    continue;
                }
                while (half < Math.min(b.width, b.height) / 3
                        && clothFraction(analysis, cx - half - 1, cy - half - 1, 2 * half + 2) >= 0.95) {
                    half++;
                }
                double energy = edgeEnergy(cloth, cx - half, cy - half, 2 * half);
                if (energy < bestEnergy - 0.5) {
                    bestEnergy = energy;
                    best = new int[] {cx - half, cy - half, 2 * half};
                }
            }
        }
        if (best == null) {
            // no clean square anywhere (a thin garment): the middle of the garment, whatever it holds
            best = new int[] {b.x + b.width / 2 - minHalf, b.y + b.height / 2 - minHalf, 2 * minHalf};
        }
        int x = Math.max(0, best[0]);
        int y = Math.max(0, best[1]);
        int size = Math.max(1, Math.min(best[2], Math.min(cloth.getWidth() - x, cloth.getHeight() - y)));
        return cloth.getSubimage(x, y, size, size);
    }

    /** Mean absolute difference between horizontal and vertical neighbours, in RGB units. */
    private static double edgeEnergy(BufferedImage img, int x0, int y0, int size) {
        double sum = 0;
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight() - 1, y0 + size); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth() - 1, x0 + size); x++) {
                int p = img.getRGB(x, y);
                sum += FlatAnalysis.distance(p, img.getRGB(x + 1, y)) + FlatAnalysis.distance(p, img.getRGB(x, y + 1));
                n++;
            }
        }
        return n == 0 ? Double.MAX_VALUE : sum / n;
    }

    private static double clothFraction(FlatAnalysis analysis, int x0, int y0, int size) {
        int inside = 0;
        int total = 0;
        int w = analysis.image().getWidth();
        int h = analysis.image().getHeight();
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                total++;
                if (x >= 0 && y >= 0 && x < w && y < h && analysis.isInside(x, y)) {
                    inside++;
                }
            }
        }
        return total == 0 ? 0 : (double) inside / total;
    }

    /** 2x2 mirrored copies of the swatch: repeats without visible seams whatever the pattern. */
    private static BufferedImage mirroredTile(BufferedImage swatch, int w, int h) {
        BufferedImage tile = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int sw = swatch.getWidth();
        int sh = swatch.getHeight();
        g.drawImage(swatch, 0, 0, w, h, 0, 0, sw, sh, null);
        g.drawImage(swatch, w, 0, 2 * w, h, sw, 0, 0, sh, null);
        g.drawImage(swatch, 0, h, w, 2 * h, 0, sh, sw, 0, null);
        g.drawImage(swatch, w, h, 2 * w, 2 * h, sw, sh, 0, 0, null);
        g.dispose();
        return tile;
    }
}
