package io.atelier.preview.texture;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the composer needs to know about a flat (a garment drawn front-on over a plain background): the
 * background colour, which pixels are garment, where the garment sits, and its dominant colour.
 */
public record FlatAnalysis(BufferedImage image, int background, boolean[][] foreground, Rectangle bounds,
                           Color dominant) {

    /** RGB distance (sum of channel differences) within which a pixel connected to the border is paper. */
    static final int PAPER_THRESHOLD = 24;

    public static FlatAnalysis of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Step 1: the background is the median colour along the image border (flats are centred on paper).
        int background = borderMedian(image);
        // Step 2: paper is what can be reached from the border through paper-coloured pixels; everything else
        // is garment, including light pattern colours inside it (cream stripes on a red dress).
        boolean[][] fg = new boolean[h][w];
        boolean[][] paper = floodPaper(image, background);
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!paper[y][x]) {
                    fg[y][x] = true;
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        Rectangle bounds = x1 < 0 ? new Rectangle(0, 0, w, h) : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        if (x1 < 0) {
            // A blank or full-bleed image: treat all of it as cloth.
            for (boolean[] row : fg) {
                Arrays.fill(row, true);
            }
        }
        return new FlatAnalysis(image, background, fg, bounds, dominantColour(image, fg));
    }

    public boolean isForeground(int x, int y) {
        return foreground[y][x];
    }

    /** The most frequent colour of the garment, averaged within its 4-bit-per-channel bin. */
    static Color dominantColour(BufferedImage image, boolean[][] fg) {
        Map<Integer, long[]> bins = new HashMap<>();
        for (int y = 0; y < fg.length; y++) {
            for (int x = 0; x < fg[y].length; x++) {
                if (fg[y][x]) {
                    int rgb = image.getRGB(x, y);
                    int key = ((rgb >> 20) & 0xF) << 8 | ((rgb >> 12) & 0xF) << 4 | ((rgb >> 4) & 0xF);
                    long[] sum = bins.computeIfAbsent(key, k -> new long[4]);
                    sum[0] += (rgb >> 16) & 0xFF;
                    sum[1] += (rgb >> 8) & 0xFF;
                    sum[2] += rgb & 0xFF;
                    sum[3]++;
                }
            }
        }
        long[] best = bins.values().stream().max((a, b) -> Long.compare(a[3], b[3])).orElse(new long[] {128, 128, 128, 1});
        return new Color((int) (best[0] / best[3]), (int) (best[1] / best[3]), (int) (best[2] / best[3]));
    }

    private static boolean[][] floodPaper(BufferedImage image, int background) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean[][] paper = new boolean[h][w];
        java.util.ArrayDeque<int[]> queue = new java.util.ArrayDeque<>();
        for (int x = 0; x < w; x++) {
            queue.add(new int[] {x, 0});
            queue.add(new int[] {x, h - 1});
        }
        for (int y = 0; y < h; y++) {
            queue.add(new int[] {0, y});
            queue.add(new int[] {w - 1, y});
        }
        while (!queue.isEmpty()) {
            int[] p = queue.poll();
            int x = p[0];
            int y = p[1];
            if (x < 0 || y < 0 || x >= w || y >= h || paper[y][x]
                    || distance(image.getRGB(x, y), background) > PAPER_THRESHOLD) {
                continue;
            }
            paper[y][x] = true;
            queue.add(new int[] {x + 1, y});
            queue.add(new int[] {x - 1, y});
            queue.add(new int[] {x, y + 1});
            queue.add(new int[] {x, y - 1});
        }
        return paper;
    }

    static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF))
                + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
    }

    private static int borderMedian(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] r = new int[2 * (w + h)];
        int[] g = new int[r.length];
        int[] b = new int[r.length];
        int n = 0;
        for (int x = 0; x < w; x++) {
            for (int y : new int[] {0, h - 1}) {
                int rgb = image.getRGB(x, y);
                r[n] = (rgb >> 16) & 0xFF;
                g[n] = (rgb >> 8) & 0xFF;
                b[n++] = rgb & 0xFF;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x : new int[] {0, w - 1}) {
                int rgb = image.getRGB(x, y);
                r[n] = (rgb >> 16) & 0xFF;
                g[n] = (rgb >> 8) & 0xFF;
                b[n++] = rgb & 0xFF;
            }
        }
        return median(r, n) << 16 | median(g, n) << 8 | median(b, n);
    }

    private static int median(int[] values, int n) {
        int[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        return copy[n / 2];
    }
}
