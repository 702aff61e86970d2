package io.atelier.tools.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageQualityTest {
    @Test
    void identical_images_score_infinite_psnr_and_unit_ssim_and_a_uniform_error_of_one_level_scores_48_db() {
        BufferedImage a = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                int v = (x * 5 + y * 3) % 200;
                a.setRGB(x, y, v * 0x010101);
                b.setRGB(x, y, (v + 1) * 0x010101);
            }
        }
        assertEquals(Double.POSITIVE_INFINITY, ImageQuality.psnr(a, a, 4));
        assertEquals(1.0, ImageQuality.ssim(a, a, 4), 1e-12);
        // MSE 1 on the luma: 10 log10(255²) = 48.13 dB
        assertEquals(48.13, ImageQuality.psnr(a, b, 4), 0.01);
        assertTrue(ImageQuality.ssim(a, b, 4) > 0.99);
    }
}
