package io.atelier.preview.scene;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Procedural images for the architecture: oak planks, stone, and a placeholder artwork before any generation. */
public final class SurfaceImages {
    private SurfaceImages() {
    }

    /** Light oak planks, 8 boards across, staggered joints; tiles horizontally and vertically. */
    public static BufferedImage oakPlanks(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        int boards = 8;
        int boardW = size / boards;
        for (int b = 0; b < boards; b++) {
            int joint = random.nextInt(size);
            float tone = 0.9f + random.nextFloat() * 0.2f;
            for (int y = 0; y < size; y++) {
                for (int x = b * boardW; x < (b + 1) * boardW; x++) {
                    double grain = Math.sin((x * 0.9 + Math.sin(y * 0.05 + b) * 6) * 0.6) * 0.04 + random.nextGaussian() * 0.01;
                    float k = (float) (tone + grain);
                    boolean seam = x == b * boardW || Math.abs(y - joint) < 1;
                    if (seam) {
                        k *= 0.72f;
                    }
                    img.setRGB(x, y, rgb(0xC8A77E, k));
                }
            }
        }
        return img;
    }

    /** Pale limestone blocks for the façade above the shopfront. */
    public static BufferedImage stone(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(11);
        int rows = 4;
        int rowH = size / rows;
        for (int y = 0; y < size; y++) {
            int row = y / rowH;
            int offset = row % 2 == 0 ? 0 : size / 4;
            for (int x = 0; x < size; x++) {
                boolean joint = y % rowH < 2 || (x + offset) % (size / 2) < 2;
                float k = joint ? 0.78f : 0.95f + (float) random.nextGaussian() * 0.015f;
                img.setRGB(x, y, rgb(0xDCD3C3, k));
            }
        }
        return img;
    }

    /** Grey granite paving slabs, 2 x 2 per tile with dark joints and a little speckle. */
    public static BufferedImage paving(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        float[] slabTone = {0.97f, 1.03f, 1.0f, 0.94f};
        int half = size / 2;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean joint = x % half < 2 || y % half < 2;
                float tone = slabTone[(y / half) * 2 + x / half];
                float k = joint ? 0.62f : tone + (float) random.nextGaussian() * 0.035f;
                img.setRGB(x, y, rgb(0x8A867F, k));
            }
        }
        return img;
    }

    /** A soft abstract composition standing in for a mural until the designer generates one. */
    public static BufferedImage placeholderArt(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0xE9DCCB), width, height, new Color(0xC9A38B)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x7A1F2B));
        g.fillOval(width / 6, height / 5, width / 3, width / 3);
        g.setColor(new Color(0x2B3A55));
        g.fillRect(width / 2, height / 3, width / 3, height / 2);
        g.setColor(new Color(0x1C1A1A));
        g.setStroke(new BasicStroke(Math.max(2, width / 120f)));
        g.drawLine(width / 10, height * 4 / 5, width * 9 / 10, height / 6);
        g.dispose();
        return img;
    }

    private static int rgb(int base, float k) {
        int r = clamp(((base >> 16) & 0xFF) * k);
        int g = clamp(((base >> 8) & 0xFF) * k);
        int b = clamp((base & 0xFF) * k);
        return r << 16 | g << 8 | b;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
