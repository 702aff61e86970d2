package io.atelier.micro.judge;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Turns an image of any size into the judge's input: 128×128 RGB (the flats' native size, so 1–2 px construction
 * details survive), channel-major (CHW) floats in [0, 1]. A 128 px image is read as is and a square image whose side
 * is a multiple of 128 is box-averaged, as a camera would; anything else (a 64 px flat, say) is resampled bilinearly.
 */
public final class JudgeInput {

    public static final int SIZE = 128;
    public static final int LENGTH = 3 * SIZE * SIZE;

    private JudgeInput() {
    }

    /** Writes the image's judge input into {@code out} from {@code offset}. */
    public static void write(BufferedImage image, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w == h && w % SIZE == 0) {
            int k = w / SIZE;
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            float norm = 1f / (255f * k * k);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int r = 0;
                    int g = 0;
                    int b = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int p = rgb[(y * k + dy) * w + x * k + dx];
                            r += (p >> 16) & 0xFF;
                            g += (p >> 8) & 0xFF;
                            b += p & 0xFF;
                        }
                    }
                    int i = y * SIZE + x;
                    out[offset + i] = r * norm;
                    out[offset + SIZE * SIZE + i] = g * norm;
                    out[offset + 2 * SIZE * SIZE + i] = b * norm;
                }
            }
        } else {
            write(resample(image), out, offset);
        }
    }

    public static float[] of(BufferedImage image) {
        float[] out = new float[LENGTH];
        write(image, out, 0);
        return out;
    }

    private static BufferedImage resample(BufferedImage image) {
        BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        return small;
    }
}
