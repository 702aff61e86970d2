package io.atelier.bridge.capsule;

import io.atelier.micro.flats.ContactSheet;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The capsule at a glance: one row per look, one column per piece, each flat with its caption underneath (in the
 * brand's language), the house's name and the theme on top.
 */
final class CapsuleContactSheet {
    private static final int CELL = 160;
    private static final int GAP = 12;
    private static final int CAPTION = 42;
    private static final int LABEL = 118;
    private static final int HEADER = 56;

    private CapsuleContactSheet() {
    }

    /**
     * @param looks     each look's flats, in piece order
     * @param captions  each look's captions, same shape
     * @param lookLabel "Silhouette" or "Look", followed by the look's number
     */
    static BufferedImage draw(String house, String theme, String lookLabel, List<List<BufferedImage>> looks,
                              List<List<String>> captions) {
        int columns = looks.stream().mapToInt(List::size).max().orElse(1);
        int width = LABEL + columns * (CELL + GAP) + GAP;
        int height = HEADER + looks.size() * (CELL + CAPTION + GAP) + GAP;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0x1A1A1A));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString(house, GAP, 30);
            if (theme != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 14));
                g.drawString(theme, GAP, 48);
            }
            Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            for (int row = 0; row < looks.size(); row++) {
                int y = HEADER + row * (CELL + CAPTION + GAP);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.setColor(new Color(0x1A1A1A));
                g.drawString(lookLabel + " " + (row + 1), GAP, y + CELL / 2);
                for (int col = 0; col < looks.get(row).size(); col++) {
                    int x = LABEL + col * (CELL + GAP);
                    g.drawImage(looks.get(row).get(col), x, y, CELL, CELL, null);
                    g.setColor(new Color(0xDDDDDD));
                    g.drawRect(x, y, CELL - 1, CELL - 1);
                    g.setColor(new Color(0x333333));
                    g.setFont(captionFont);
                    List<String> lines = ContactSheet.wrap(captions.get(row).get(col), g.getFontMetrics(), CELL);
                    for (int l = 0; l < Math.min(3, lines.size()); l++) {
                        g.drawString(lines.get(l), x, y + CELL + 13 + l * 13);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
