package io.atelier.brands.palette;

import io.atelier.brands.dataset.GarmentColour;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves a flat's dominant garment colours onto palette entries, keeping its shading: garment pixels (everything but the
 * near-white background) are clustered in CIELAB, and every pixel of a locked cluster is shifted by the same
 * (ΔL, Δa, Δb), the difference between the entry and the cluster's mean. A uniform shift keeps the light and dark
 * variation inside the cluster (folds, shadows, pattern texture), which replacing the colour would flatten.
 *
 * <p>Which clusters move: the largest one (the fill) goes to the entry the garment was asked in, with every clearly
 * coloured cluster of its hue (its shades); any other cluster holding at least {@value #MIN_SHARE} of the garment
 * and clearly coloured (chroma ≥ {@value #MIN_CHROMA}) goes to its nearest entry. Neutral clusters (white stripes, dark outlines, black seams) stay as drawn: a lock that turned a
 * white stripe gold would change the design, not its colour.
 */
public final class PaletteLock {
    static final double MIN_SHARE = 0.2;
    static final double MIN_CHROMA = 15;
    static final double SAME_HUE_DEGREES = 30;
    private static final int CLUSTERS = 3;
    private static final int ITERATIONS = 8;

    /**
     * What a lock did to one image.
     *
     * @param image       the locked image (a new one; the input is left as it is)
     * @param fillBefore  mean Lab of the fill cluster as the model drew it
     * @param deltaEBefore ΔE*ab between the drawn fill and the asked entry: how near the model itself came
     * @param garmentPixels how many pixels were taken for garment (0: nothing to lock, the image is returned as is)
     */
    public record Result(BufferedImage image, LabColour fillBefore, double deltaEBefore, int garmentPixels) {
    }

    private PaletteLock() {
    }

    /**
     * @param asked the entry the garment was asked in (the fill goes there)
     * @param palette all entries of the request (other coloured clusters go to their nearest)
     */
    public static Result lock(BufferedImage image, PaletteEntry asked, List<PaletteEntry> palette) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        // Step 1: garment pixels in Lab.
        List<Integer> garment = new ArrayList<>();
        for (int i = 0; i < rgb.length; i++) {
            if (!GarmentColour.isBackground(rgb[i])) {
                garment.add(i);
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (garment.isEmpty()) {
            out.setRGB(0, 0, w, h, rgb, 0, w);
            return new Result(out, null, Double.NaN, 0);
        }
        LabColour[] lab = new LabColour[garment.size()];
        for (int k = 0; k < lab.length; k++) {
            lab[k] = LabColour.ofRgb(rgb[garment.get(k)]);
        }
        // Step 2: k-means in Lab, seeded at lightness quantiles so that the result is the same on every run.
        int[] assignment = new int[lab.length];
        LabColour[] centres = kMeans(lab, assignment);
        int[] counts = new int[centres.length];
        for (int a : assignment) {
            counts[a]++;
        }
        int fill = 0;
        for (int c = 1; c < centres.length; c++) {
            if (counts[c] > counts[fill]) {
                fill = c;
            }
        }
        // Step 3: which entry each cluster goes to. A cluster of the fill's hue is the fill in another light (a fold,
        // a shadow): it goes with the fill. A clearly coloured cluster of another hue goes to its nearest entry.
        PaletteEntry[] target = new PaletteEntry[centres.length];
        for (int c = 0; c < centres.length; c++) {
            LabColour centre = centres[c];
            boolean coloured = counts[c] >= MIN_SHARE * lab.length && centre.chroma() >= MIN_CHROMA;
            if (c == fill || centre.chroma() >= MIN_CHROMA && sameHue(centre, centres[fill])) {
                target[c] = asked;
            } else if (coloured) {
                target[c] = palette.stream().min(Comparator.comparingDouble(p -> p.lab().deltaE(centre)))
                        .orElse(asked);
            }
        }
        // One shift per entry, from the pooled mean of the clusters going there: every cluster of a group moves by
        // the same amount, so the light and dark between them survive (one shift per cluster would flatten them).
        double[][] shift = new double[centres.length][3];
        for (int c = 0; c < centres.length; c++) {
            if (target[c] == null) {
                continue;
            }
            double l = 0;
            double a = 0;
            double b = 0;
            int n = 0;
            for (int o = 0; o < centres.length; o++) {
                if (target[o] == target[c]) {
                    l += centres[o].l() * counts[o];
                    a += centres[o].a() * counts[o];
                    b += centres[o].b() * counts[o];
                    n += counts[o];
                }
            }
            shift[c] = new double[] {target[c].lab().l() - l / n, target[c].lab().a() - a / n,
                    target[c].lab().b() - b / n};
        }
        // Step 4: apply.
        int[] locked = rgb.clone();
        for (int k = 0; k < lab.length; k++) {
            double[] s = shift[assignment[k]];
            if (s[0] != 0 || s[1] != 0 || s[2] != 0) {
                locked[garment.get(k)] = new LabColour(lab[k].l() + s[0], lab[k].a() + s[1], lab[k].b() + s[2]).toRgb();
            }
        }
        out.setRGB(0, 0, w, h, locked, 0, w);
        return new Result(out, centres[fill], centres[fill].deltaE(asked.lab()), lab.length);
    }

    /** Hue angles within {@value #SAME_HUE_DEGREES}° (a lighter or darker shade of one colour). */
    private static boolean sameHue(LabColour x, LabColour y) {
        double dx = Math.toDegrees(Math.atan2(x.b(), x.a()));
        double dy = Math.toDegrees(Math.atan2(y.b(), y.a()));
        double d = Math.abs(dx - dy) % 360;
        return Math.min(d, 360 - d) <= SAME_HUE_DEGREES;
    }

    /** Mean Lab of the garment pixels (everything but the background); null when there are none. */
    public static LabColour garmentMean(BufferedImage image) {
        double l = 0;
        double a = 0;
        double b = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (!GarmentColour.isBackground(rgb)) {
                    LabColour c = LabColour.ofRgb(rgb);
                    l += c.l();
                    a += c.a();
                    b += c.b();
                    n++;
                }
            }
        }
        return n == 0 ? null : new LabColour(l / n, a / n, b / n);
    }

    private static LabColour[] kMeans(LabColour[] points, int[] assignment) {
        LabColour[] sorted = points.clone();
        java.util.Arrays.sort(sorted, Comparator.comparingDouble(LabColour::l));
        int k = Math.min(CLUSTERS, points.length);
        LabColour[] centres = new LabColour[k];
        for (int c = 0; c < k; c++) {
            centres[c] = sorted[(int) ((c + 0.5) * sorted.length / k)];
        }
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] sums = new double[k][4];
            for (int p = 0; p < points.length; p++) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (points[p].deltaE(centres[c]) < points[p].deltaE(centres[best])) {
                        best = c;
                    }
                }
                assignment[p] = best;
                sums[best][0] += points[p].l();
                sums[best][1] += points[p].a();
                sums[best][2] += points[p].b();
                sums[best][3]++;
            }
            for (int c = 0; c < k; c++) {
                if (sums[c][3] > 0) {
                    centres[c] = new LabColour(sums[c][0] / sums[c][3], sums[c][1] / sums[c][3],
                            sums[c][2] / sums[c][3]);
                }
            }
        }
        return centres;
    }
}
