package io.atelier.preview.texture;

import io.atelier.preview.garment.GarmentModel;
import io.atelier.preview.garment.Panel;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Lays a flat out on the garment's texture atlas like a pattern on cloth: the flat's front view is scaled so
 * the drawn garment covers the mesh's front silhouette on the {@link Panel#FRONT} half; the {@link Panel#BACK}
 * half is the same fabric, a swatch from the middle of the flat mirror-tiled at the same scale, so colour and
 * pattern carry round to the back. Paper showing through is replaced by the dominant colour.
 */
public final class GarmentTextureComposer {
    private static final int EDGE = 2;

    private GarmentTextureComposer() {
    }

    /** An atlas of {@code 2 * height} by {@code height} pixels (front square left, back square right). */
    public static BufferedImage compose(BufferedImage flat, GarmentModel garment, int height) {
        FlatAnalysis analysis = FlatAnalysis.of(flat);
        BufferedImage cloth = paperToCloth(analysis);
        BufferedImage atlas = new BufferedImage(2 * height, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = atlas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(analysis.dominant());
        g.fillRect(0, 0, atlas.getWidth(), height);

        // Step 1: front panel. The silhouette is normalised with y up; image rows run down.
        float[] s = garment.frontSilhouette();
        int dx0 = Math.round(s[0] * height);
        int dx1 = Math.round(s[2] * height);
        int dy0 = Math.round((1f - s[3]) * height);
        int dy1 = Math.round((1f - s[1]) * height);
        Rectangle b = analysis.bounds();
        g.drawImage(cloth, dx0, dy0, dx1, dy1, b.x, b.y, b.x + b.width, b.y + b.height, null);

        // Step 2: back panel, a swatch tiled at the front's scale (pixels of atlas per pixel of flat).
        float scale = (float) (dx1 - dx0) / b.width;
        BufferedImage swatch = swatch(analysis, cloth);
        int tileW = Math.max(4, Math.round(swatch.getWidth() * scale));
        int tileH = Math.max(4, Math.round(swatch.getHeight() * scale));
        BufferedImage tile = mirroredTile(swatch, tileW, tileH);
        for (int y = 0; y < height; y += tile.getHeight()) {
            for (int x = height; x < 2 * height; x += tile.getWidth()) {
                g.drawImage(tile, x, y, null);
            }
        }
        g.dispose();
        return atlas;
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
                out.setRGB(x, y, isInside(analysis, x, y) ? src.getRGB(x, y) : fill);
            }
        }
        return out;
    }

    /**
     * Garment pixels at least {@link #EDGE} pixels from paper: the outline's anti-aliased pixels are half paper
     * and would draw light seams where the projection grazes the silhouette.
     */
    private static boolean isInside(FlatAnalysis analysis, int x, int y) {
        int w = analysis.image().getWidth();
        int h = analysis.image().getHeight();
        for (int dy = -EDGE; dy <= EDGE; dy++) {
            for (int dx = -EDGE; dx <= EDGE; dx++) {
                int sx = Math.max(0, Math.min(w - 1, x + dx));
                int sy = Math.max(0, Math.min(h - 1, y + dy));
                if (!analysis.isForeground(sx, sy)) {
                    return false;
                }
            }
        }
        return true;
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
                if (x >= 0 && y >= 0 && x < w && y < h && analysis.isForeground(x, y)) {
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
