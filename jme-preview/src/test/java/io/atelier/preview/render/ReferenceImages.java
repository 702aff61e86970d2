package io.atelier.preview.render;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares renders with reference PNGs in src/test/resources/reference, with a tolerance for the small
 * differences between Mesa builds (edge pixels, shadow filtering). To regenerate the references after an
 * intended visual change, run the screenshot tests with {@code -Datelier.preview.updateReferences=true}
 * (see the module README), look at the new PNGs, and commit them.
 */
final class ReferenceImages {
    /** A pixel differs when any channel is further off than this. */
    static final int CHANNEL_TOLERANCE = 40;
    /** At most this share of pixels may differ. */
    static final double MAX_DIFFERING_SHARE = 0.03;
    /** And the mean absolute channel difference must stay below this. */
    static final double MAX_MEAN_DIFFERENCE = 6.0;

    private ReferenceImages() {
    }

    static boolean updating() {
        return Boolean.getBoolean("atelier.preview.updateReferences");
    }

    static void assertMatches(Path actualFile, String referenceName) throws IOException {
        BufferedImage actual = ImageIO.read(actualFile.toFile());
        assertNotNull(actual, "render wrote no readable PNG: " + actualFile.getFileName());
        if (updating()) {
            Path target = Path.of("src", "test", "resources", "reference", referenceName);
            Files.createDirectories(target.getParent());
            ImageIO.write(actual, "png", target.toFile());
            return;
        }
        BufferedImage reference;
        try (InputStream in = ReferenceImages.class.getResourceAsStream("/reference/" + referenceName)) {
            assertNotNull(in, "missing reference " + referenceName + "; generate it with -Datelier.preview.updateReferences=true");
            reference = ImageIO.read(in);
        }
        assertEquals(reference.getWidth(), actual.getWidth(), "width");
        assertEquals(reference.getHeight(), actual.getHeight(), "height");
        long differing = 0;
        double sum = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                int a = actual.getRGB(x, y);
                int r = reference.getRGB(x, y);
                int worst = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs(((a >> shift) & 0xFF) - ((r >> shift) & 0xFF));
                    worst = Math.max(worst, d);
                    sum += d;
                }
                if (worst > CHANNEL_TOLERANCE) {
                    differing++;
                }
            }
        }
        double pixels = (double) actual.getWidth() * actual.getHeight();
        double share = differing / pixels;
        double mean = sum / (pixels * 3);
        assertTrue(share <= MAX_DIFFERING_SHARE && mean <= MAX_MEAN_DIFFERENCE, String.format(
                "%s differs from its reference: %.2f%% pixels off (max %.0f%%), mean difference %.2f (max %.1f)",
                referenceName, share * 100, MAX_DIFFERING_SHARE * 100, mean, MAX_MEAN_DIFFERENCE));
    }

    /** Mean luminance 0..255 of an image file. */
    static double meanLuminance(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                sum += 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
            }
        }
        return sum / (img.getWidth() * img.getHeight());
    }
}
