package io.atelier.micro.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * A trivial stand-in for the flats generator, for fast tests of the training loop only: a filled,
 * outlined shape per category on white, solid or striped, captioned with canonical tokens.
 */
final class ShapesImageSource implements CaptionedImageSource {

    private static final List<String> CATEGORIES = List.of("dress", "handbag", "skirt");
    private static final List<String> COLOURS = List.of("red", "blue", "green");
    private static final List<Color> RGB = List.of(new Color(200, 30, 30), new Color(30, 60, 200), new Color(30, 160, 60));

    @Override
    public CaptionedImage sample(long seed) {
        Random random = new Random(seed);
        int category = random.nextInt(CATEGORIES.size());
        int colour = random.nextInt(COLOURS.size());
        boolean stripes = random.nextBoolean();
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 128, 128);
        g.setColor(RGB.get(colour));
        int jitter = random.nextInt(9) - 4;
        switch (category) {
            case 0 -> g.fillPolygon(new int[] {64 + jitter, 100, 28}, new int[] {16, 112, 112}, 3);
            case 1 -> g.fillRoundRect(28 + jitter, 44, 72, 56, 12, 12);
            default -> g.fillOval(32 + jitter, 32, 64, 64);
        }
        if (stripes) {
            g.setColor(Color.WHITE);
            for (int x = 0; x < 128; x += 12) {
                g.fillRect(x, 0, 4, 128);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2));
        g.drawRect(2, 2, 123, 123);
        g.dispose();
        String caption = COLOURS.get(colour) + (stripes ? " stripes " : " solid ") + CATEGORIES.get(category);
        return new CaptionedImage(image, caption);
    }
}
