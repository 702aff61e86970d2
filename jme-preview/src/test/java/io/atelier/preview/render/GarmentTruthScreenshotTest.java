package io.atelier.preview.render;

import io.atelier.preview.texture.ColourCounts;
import io.atelier.preview.texture.TestFlats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a user sees on the garment, measured on real renders (Mesa llvmpipe under Xvfb, in a child JVM as the
 * bridge runs it). The garment's pixels are found by rendering the same view with plain green cloth: whatever comes
 * out green is garment, the rest (form, pole, floor, backdrop) is not.
 */
class GarmentTruthScreenshotTest {
    private static final ChildProcessRenderer RENDERER = new ChildProcessRenderer(true, Duration.ofMinutes(4));
    private static final int W = 360;
    private static final int H = 300;

    @TempDir
    static Path work;

    @BeforeAll
    static void needsXvfb() {
        assumeTrue(ChildProcessRenderer.canRender(true),
                "skipped: xvfb-run is not installed (apt-get install xvfb xauth libgl1-mesa-dri)");
    }

    @Test
    void a_red_print_with_thin_yellow_stripes_renders_the_garment_mostly_red() throws IOException {
        boolean[][] garment = garmentMask("dress", "silk");
        BufferedImage render = render("stripes", TestFlats.stripedPrint(512), "dress", null);
        int pixels = count(garment);
        int red = 0;
        int yellow = 0;
        int[] hues = new int[12];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (garment[y][x]) {
                    int rgb = render.getRGB(x, y);
                    red += ColourCounts.isRed(rgb) ? 1 : 0;
                    yellow += ColourCounts.isYellow(rgb) ? 1 : 0;
                    float hue = ColourCounts.hue(rgb);
                    if (hue >= 0) {
                        hues[(int) (hue / 30) % 12]++;
                    }
                }
            }
        }
        System.out.printf("stripes print on a silk dress: %d garment pixels, red %.1f%%, yellow %.1f%%, hue histogram (30 degree bins) %s%n",
                pixels, 100.0 * red / pixels, 100.0 * yellow / pixels, Arrays.toString(hues));
        assertTrue(pixels > 4000, "garment pixels " + pixels);
        assertTrue(red > 0.6 * pixels, "red share " + red / (double) pixels);
        assertTrue(yellow < 0.2 * pixels, "yellow share " + yellow / (double) pixels);
    }

    @Test
    void a_flat_on_white_renders_with_no_white_on_the_garment() throws IOException {
        // cotton: a matte cloth, so a near-white pixel could only be paper, not a highlight
        boolean[][] garment = garmentMask("dress", "cotton");
        for (String paper : List.of("white", "shaded")) {
            BufferedImage flat = paper.equals("white") ? TestFlats.noisyPlainDress(256, 3) : TestFlats.shadedPaperDress(256, 3);
            BufferedImage render = render("teal-flat-" + paper, flat, "dress", "cotton");
            int pixels = count(garment);
            int white = 0;
            int teal = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (garment[y][x]) {
                        int rgb = render.getRGB(x, y);
                        white += ColourCounts.isPaperWhite(rgb) ? 1 : 0;
                        float hue = ColourCounts.hue(rgb);
                        teal += hue >= 150 && hue <= 210 ? 1 : 0;
                    }
                }
            }
            System.out.printf("teal flat on %s paper: %d garment pixels, paper-white %d, teal %.1f%%%n",
                    paper, pixels, white, 100.0 * teal / pixels);
            assertTrue(white <= pixels / 1000, paper + " paper: paper-white pixels on the garment: " + white);
            assertTrue(teal > 0.9 * pixels, paper + " paper: teal share " + teal / (double) pixels);
        }
    }

    @Test
    void silk_leather_denim_and_knit_render_measurably_different() throws IOException {
        boolean[][] garment = garmentMask("dress", "cotton");
        BufferedImage grey = plain(new Color(0x8A8F9A));
        Map<String, BufferedImage> renders = new LinkedHashMap<>();
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (String material : List.of("silk", "leather", "denim", "knit")) {
            BufferedImage render = render("grey-" + material, grey, "dress", material);
            renders.put(material, render);
            stats.put(material, new double[] {highlight(render, garment), detail(render, garment)});
        }
        StringBuilder report = new StringBuilder("materials on grey cloth (highlight = 99.5th - 50th percentile luminance, detail = mean neighbour difference):");
        stats.forEach((m, s) -> report.append(String.format(" %s highlight %.1f detail %.2f;", m, s[0], s[1])));
        System.out.println(report);
        // Specular highlight: silk's sheen is the brightest, leather's semi-gloss next, the matte weaves least.
        assertTrue(stats.get("silk")[0] > 1.1 * stats.get("leather")[0], report.toString());
        assertTrue(stats.get("leather")[0] > 1.3 * Math.max(stats.get("denim")[0], stats.get("knit")[0]), report.toString());
        // Relief: the chunky knit shows more texture than the fine denim twill, which shows more than silk.
        assertTrue(stats.get("knit")[1] > 1.2 * stats.get("denim")[1], report.toString());
        assertTrue(stats.get("denim")[1] > 1.2 * stats.get("silk")[1], report.toString());
        // And every pair of renders differs on the garment.
        List<String> names = new ArrayList<>(renders.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                double d = meanDifference(renders.get(names.get(i)), renders.get(names.get(j)), garment);
                assertTrue(d > 3.0, names.get(i) + " vs " + names.get(j) + " differ by " + d);
            }
        }
    }

    /** Garment pixels of the front view: where plain green cloth renders green. */
    private static boolean[][] garmentMask(String garment, String material) throws IOException {
        BufferedImage green = render("mask-" + garment + "-" + material, plain(new Color(0x00C000)), garment, material);
        boolean[][] mask = new boolean[H][W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float hue = ColourCounts.hue(green.getRGB(x, y));
                mask[y][x] = hue >= 90 && hue <= 150;
            }
        }
        // shrink by one pixel: silhouette edges blend with the backdrop
        boolean[][] inner = new boolean[H][W];
        for (int y = 1; y < H - 1; y++) {
            for (int x = 1; x < W - 1; x++) {
                inner[y][x] = mask[y][x] && mask[y - 1][x] && mask[y + 1][x] && mask[y][x - 1] && mask[y][x + 1];
            }
        }
        return inner;
    }

    private static BufferedImage render(String name, BufferedImage picture, String garment, String materialOrNull) throws IOException {
        Path in = work.resolve(name + ".png");
        ImageIO.write(picture, "png", in.toFile());
        Path out = work.resolve(name);
        List<String> args = new ArrayList<>(List.of("render", "--scene", "garment", "--garment", garment,
                "--image", in.toString(), "--views", "1", "--width", String.valueOf(W), "--height", String.valueOf(H),
                "--out", out.toString()));
        if (materialOrNull != null) {
            args.addAll(List.of("--material", materialOrNull));
        }
        ChildProcessRenderer.Result r = RENDERER.run(args, W, H);
        assertEquals(0, r.exitCode(), r.stderr());
        return ImageIO.read(out.resolve(garment + "-turntable-00.png").toFile());
    }

    private static BufferedImage plain(Color colour) {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        return img;
    }

    private static int count(boolean[][] mask) {
        int n = 0;
        for (boolean[] row : mask) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    /** How far the brightest garment pixels stand above the typical one: the specular highlight. */
    private static double highlight(BufferedImage img, boolean[][] mask) {
        List<Double> values = new ArrayList<>();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (mask[y][x]) {
                    values.add(luminance(img.getRGB(x, y)));
                }
            }
        }
        values.sort(Double::compare);
        return values.get((int) (values.size() * 0.995)) - values.get(values.size() / 2);
    }

    /** Mean luminance difference between horizontal neighbours on the garment: the relief the normal map draws. */
    private static double detail(BufferedImage img, boolean[][] mask) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x + 1 < W; x++) {
                if (mask[y][x] && mask[y][x + 1]) {
                    sum += Math.abs(luminance(img.getRGB(x, y)) - luminance(img.getRGB(x + 1, y)));
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static double meanDifference(BufferedImage a, BufferedImage b, boolean[][] mask) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (mask[y][x]) {
                    sum += Math.abs(luminance(a.getRGB(x, y)) - luminance(b.getRGB(x, y)));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
