package io.atelier.micro.flats;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A grid of images with a small caption under each, for a human to look at a batch at once. */
public final class ContactSheet {

    private static final int PAD = 4;
    private static final int LINE = 11;
    private static final int LABEL_LINES = 3;

    private ContactSheet() {
    }

    /**
     * @param tiles   images, drawn at {@code tileSize} (scaled if needed)
     * @param labels  one label per tile (wrapped to three lines), or null for none
     */
    public static BufferedImage compose(List<BufferedImage> tiles, List<String> labels, int columns, int tileSize) {
        int rows = (tiles.size() + columns - 1) / columns;
        int labelHeight = labels == null ? 0 : LABEL_LINES * LINE + 2;
        int cellW = tileSize + PAD;
        int cellH = tileSize + labelHeight + PAD;
        BufferedImage sheet = new BufferedImage(columns * cellW + PAD, rows * cellH + PAD, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(0xDDDDDD));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < tiles.size(); i++) {
                int x = PAD + (i % columns) * cellW;
                int y = PAD + (i / columns) * cellH;
                g.drawImage(tiles.get(i), x, y, tileSize, tileSize, null);
                if (labels != null) {
                    g.setColor(Color.BLACK);
                    List<String> lines = wrap(labels.get(i), metrics, tileSize);
                    for (int l = 0; l < Math.min(LABEL_LINES, lines.size()); l++) {
                        g.drawString(lines.get(l), x, y + tileSize + LINE * (l + 1) - 1);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Greedy word wrap of a caption to {@code width} pixels (an empty caption is one empty line). */
    public static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
