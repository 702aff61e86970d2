package io.atelier.bridge.photopea;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Pixel checks on what the Photopea stand-in's document holds (PNG data URLs read from the page). */
final class LayerPixels {
    private LayerPixels() {
    }

    static BufferedImage png(String dataUrl) throws Exception {
        byte[] bytes = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** Mean absolute RGB difference between `expected` and the region of `image` at (x0, y0) of its size. */
    static double meanDifference(BufferedImage image, int x0, int y0, BufferedImage expected) {
        long total = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                total += channelDifference(image.getRGB(x0 + x, y0 + y), expected.getRGB(x, y));
            }
        }
        return total / (3.0 * expected.getWidth() * expected.getHeight());
    }

    /** [left, top, right, bottom) of the pixels that are not fully transparent. */
    static int[] opaqueBounds(BufferedImage image) {
        int left = image.getWidth(), top = image.getHeight(), right = 0, bottom = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x + 1);
                    bottom = Math.max(bottom, y + 1);
                }
            }
        }
        return new int[] {left, top, right, bottom};
    }

    static int channelDifference(int a, int b) {
        int sum = 0;
        for (int shift = 0; shift <= 24; shift += 8) {
            sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
        return sum;
    }
}
