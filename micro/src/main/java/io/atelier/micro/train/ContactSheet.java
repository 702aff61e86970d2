package io.atelier.micro.train;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A grid of images, each with its caption underneath, saved as PNG. */
public final class ContactSheet {

    private ContactSheet() {}

    public static void write(Path png, List<BufferedImage> images, List<String> captions, int columns) {
        int cell = images.get(0).getWidth();
        int label = 28;
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(columns * cell, rows * (cell + label), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < images.size(); i++) {
            int x = (i % columns) * cell;
            int y = (i / columns) * (cell + label);
            g.drawImage(images.get(i), x, y, null);
            g.setColor(Color.DARK_GRAY);
            String[] words = captions.get(i).split(" ");
            StringBuilder line1 = new StringBuilder();
            StringBuilder line2 = new StringBuilder();
            for (String w : words) {
                (line1.length() + w.length() < 24 && line2.isEmpty() ? line1 : line2).append(w).append(' ');
            }
            g.drawString(line1.toString().trim(), x + 2, y + cell + 11);
            g.drawString(line2.toString().trim(), x + 2, y + cell + 23);
        }
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(sheet, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
