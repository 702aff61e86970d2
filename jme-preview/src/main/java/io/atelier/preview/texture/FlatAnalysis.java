package io.atelier.preview.texture;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the composer needs to know about a picture: whether it is a <em>flat</em> (one garment drawn front-on over a
 * plain background) or <em>fabric</em> (a print, a swatch, a full-bleed pattern: cloth everywhere); for a flat, which
 * pixels are garment, which of those lie safely inside its outline ({@link #isInside}), where it sits; and the
 * garment's dominant colour.
 */
public record FlatAnalysis(BufferedImage image, boolean isFlat, int background, boolean[][] foreground,
                           boolean[][] inside, Rectangle bounds, Color dominant) {

    /** RGB distance (sum of channel differences) within which a pixel connected to the border is paper. */
    static final int PAPER_THRESHOLD = 24;
    /**
     * Paper is seldom flat in a generated image (a vignette, a soft shadow under the garment): further from the border's
     * colour, up to {@link #SHADED_PAPER_THRESHOLD}, a pixel is still paper when it differs from the paper pixel next to
     * it by at most {@link #PAPER_STEP}, a gradient, not an edge. A garment's outline is a step far larger.
     */
    static final int SHADED_PAPER_THRESHOLD = 96;
    static final int PAPER_STEP = 9;
    /** Below this share of paper, the picture is cloth edge to edge (a textured swatch, a photo of fabric). */
    static final double MIN_PAPER_SHARE = 0.08;
    /** Above it, the picture is one colour: plain cloth, not a garment on paper. */
    static final double MAX_PAPER_SHARE = 0.985;
    /** A flat's garment is one piece: its largest connected part holds at least this share of what is not paper. */
    static final double MIN_MAIN_PART_SHARE = 0.8;
    /** Paper around one garment falls in few pieces (two when the garment touches top and bottom); a print's gaps in many. */
    static final int MAX_PAPER_PIECES = 4;
    /** Pieces smaller than this share of the picture are specks (noise, a stray dot), not evidence either way. */
    static final double SPECK_SHARE = 0.002;

    public static FlatAnalysis of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Step 1: the background candidate is the median colour along the border (flats are centred on paper).
        int background = borderMedian(image);
        // Step 2: paper is what can be reached from the border through paper-coloured pixels; everything else
        // is garment, including light pattern colours inside it (cream stripes on a red dress).
        int[][] paperPiece = floodPaper(image, background);
        boolean[][] fg = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                fg[y][x] = paperPiece[y][x] == 0;
            }
        }
        Parts parts = Parts.of(fg);
        // Step 3: was the "paper" really a background? A red print with thin yellow stripes has a red border too;
        // what its flood leaves (sixteen separate stripes) is not one garment.
        if (!looksLikeOneGarmentOnPaper(paperPiece, parts)) {
            boolean[][] all = new boolean[h][w];
            for (boolean[] row : all) {
                Arrays.fill(row, true);
            }
            return new FlatAnalysis(image, false, background, all, all, new Rectangle(0, 0, w, h),
                    dominantColour(image, all));
        }
        // Step 4: specks the flood did not reach (noise in the paper) are paper too; the rest is the garment.
        int speck = (int) Math.ceil(SPECK_SHARE * w * h);
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                fg[y][x] = fg[y][x] && parts.sizeAt(x, y) >= speck;
                if (fg[y][x]) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        boolean[][] inside = erode(fg, edgeWidth(w, h));
        Rectangle bounds = new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        return new FlatAnalysis(image, true, background, fg, inside, bounds, dominantColour(image, inside));
    }

    public boolean isForeground(int x, int y) {
        return foreground[y][x];
    }

    /**
     * Garment pixels at least a couple of pixels from paper: the outline's anti-aliased pixels are half paper and
     * would draw light seams on the cloth. Every pixel of a fabric picture is inside.
     */
    public boolean isInside(int x, int y) {
        return inside[y][x];
    }

    /** Two pixels at 256 px and below, a little more for larger pictures (the blend is wider after upscaling). */
    static int edgeWidth(int w, int h) {
        return Math.max(2, Math.round(Math.max(w, h) / 160f));
    }

    private static boolean looksLikeOneGarmentOnPaper(int[][] paperPiece, Parts parts) {
        int h = paperPiece.length;
        int w = paperPiece[0].length;
        double total = (double) w * h;
        Map<Integer, Integer> paperSizes = new HashMap<>();
        for (int[] row : paperPiece) {
            for (int piece : row) {
                if (piece != 0) {
                    paperSizes.merge(piece, 1, Integer::sum);
                }
            }
        }
        int paper = paperSizes.values().stream().mapToInt(Integer::intValue).sum();
        double paperShare = paper / total;
        if (paperShare < MIN_PAPER_SHARE || paperShare > MAX_PAPER_SHARE) {
            return false;
        }
        long paperPieces = paperSizes.values().stream().filter(s -> s >= SPECK_SHARE * total).count();
        if (paperPieces > MAX_PAPER_PIECES) {
            return false;
        }
        int largest = 0;
        long counted = 0;
        for (int size : parts.sizes()) {
            if (size >= SPECK_SHARE * total) {
                counted += size;
                largest = Math.max(largest, size);
            }
        }
        return counted > 0 && largest >= MIN_MAIN_PART_SHARE * counted;
    }

    /** The 4-connected parts of a mask: a label per pixel (0 outside the mask) and each part's size. */
    private record Parts(int[][] labels, int[] sizes) {
        int sizeAt(int x, int y) {
            int label = labels[y][x];
            return label == 0 ? 0 : sizes[label - 1];
        }

        static Parts of(boolean[][] mask) {
            int h = mask.length;
            int w = mask[0].length;
            int[][] labels = new int[h][w];
            int[] sizes = new int[16];
            int n = 0;
            ArrayDeque<int[]> queue = new ArrayDeque<>();
            for (int sy = 0; sy < h; sy++) {
                for (int sx = 0; sx < w; sx++) {
                    if (!mask[sy][sx] || labels[sy][sx] != 0) {
                        continue;
                    }
                    int label = n + 1;
                    int size = 0;
                    labels[sy][sx] = label;
                    queue.add(new int[] {sx, sy});
                    while (!queue.isEmpty()) {
                        int[] p = queue.poll();
                        size++;
                        int[][] next = {{p[0] + 1, p[1]}, {p[0] - 1, p[1]}, {p[0], p[1] + 1}, {p[0], p[1] - 1}};
                        for (int[] q : next) {
                            if (q[0] >= 0 && q[1] >= 0 && q[0] < w && q[1] < h && mask[q[1]][q[0]] && labels[q[1]][q[0]] == 0) {
                                labels[q[1]][q[0]] = label;
                                queue.add(q);
                            }
                        }
                    }
                    if (n == sizes.length) {
                        sizes = Arrays.copyOf(sizes, 2 * n);
                    }
                    sizes[n++] = size;
                }
            }
            return new Parts(labels, Arrays.copyOf(sizes, n));
        }
    }

    private static boolean[][] erode(boolean[][] fg, int edge) {
        int h = fg.length;
        int w = fg[0].length;
        boolean[][] out = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean keep = fg[y][x];
                for (int dy = -edge; keep && dy <= edge; dy++) {
                    for (int dx = -edge; keep && dx <= edge; dx++) {
                        int sx = Math.max(0, Math.min(w - 1, x + dx));
                        int sy = Math.max(0, Math.min(h - 1, y + dy));
                        keep = fg[sy][sx];
                    }
                }
                out[y][x] = keep;
            }
        }
        return out;
    }

    /** The most frequent colour among the masked pixels, averaged within its 4-bit-per-channel bin. */
    static Color dominantColour(BufferedImage image, boolean[][] mask) {
        Map<Integer, long[]> bins = new HashMap<>();
        for (int y = 0; y < mask.length; y++) {
            for (int x = 0; x < mask[y].length; x++) {
                if (mask[y][x]) {
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

    /** Paper pieces by number (1, 2, …: one per separate region reached from the border); 0 where not paper. */
    private static int[][] floodPaper(BufferedImage image, int background) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[][] piece = new int[h][w];
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        int next = 0;
        for (int i = 0; i < 2 * (w + h); i++) {
            int sx = i < w ? i : i < 2 * w ? i - w : i < 2 * w + h ? 0 : w - 1;
            int sy = i < w ? 0 : i < 2 * w ? h - 1 : i < 2 * w + h ? i - 2 * w : i - 2 * w - h;
            if (piece[sy][sx] != 0 || distance(image.getRGB(sx, sy), background) > PAPER_THRESHOLD) {
                // a border pixel away from the paper colour seeds nothing; shaded paper is reached from clean paper
                continue;
            }
            int id = ++next;
            piece[sy][sx] = id;
            queue.add(new int[] {sx, sy});
            while (!queue.isEmpty()) {
                int[] p = queue.poll();
                int here = image.getRGB(p[0], p[1]);
                int[][] around = {{p[0] + 1, p[1]}, {p[0] - 1, p[1]}, {p[0], p[1] + 1}, {p[0], p[1] - 1}};
                for (int[] q : around) {
                    if (q[0] < 0 || q[1] < 0 || q[0] >= w || q[1] >= h || piece[q[1]][q[0]] != 0) {
                        continue;
                    }
                    int there = image.getRGB(q[0], q[1]);
                    int fromPaper = distance(there, background);
                    if (fromPaper <= PAPER_THRESHOLD
                            || (fromPaper <= SHADED_PAPER_THRESHOLD && distance(there, here) <= PAPER_STEP)) {
                        piece[q[1]][q[0]] = id;
                        queue.add(q);
                    }
                }
            }
        }
        return piece;
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
