package io.atelier.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.engine.image.PixelTensors;
import io.atelier.engine.model.ModelPackageReader;
import io.atelier.engine.model.TestPackages;
import io.atelier.engine.sampler.NoiseSource;
import io.atelier.engine.testing.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCalibrationTest {
    @TempDir
    Path temp;

    @Test
    void a_package_without_preview_factors_gets_a_fitted_preview_close_to_its_decoder() throws Exception {
        Path folder = TestPackages.copyTiny(temp.resolve("no-preview"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(folder.resolve("model.json").toFile());
        manifest.remove("preview");
        json.writeValue(folder.resolve("model.json").toFile(), manifest);

        float[] latent = new float[4 * 8 * 8];
        NoiseSource.seeded(3L).fill(latent);
        try (LoadedModel fitted = LoadedModel.load(ModelPackageReader.open(folder));
             NDManager manager = NDManager.newBaseManager()) {
            // What the real decoder makes of this latent, averaged over each latent pixel's 8x8 block.
            float[] decoded = fitted.imageDecoder.decode(manager, latent, new Shape(1, 4, 8, 8),
                    new Shape(1, 3, 64, 64));
            BufferedImage truth = blockAverage(PixelTensors.fromPlanar(decoded, 0, 64, 64), 8);
            BufferedImage preview = fitted.preview.render(latent, 0, 8, 8, 1);
            BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            grey.getGraphics().setColor(new java.awt.Color(128, 128, 128));
            grey.getGraphics().fillRect(0, 0, 8, 8);
            double fittedDistance = Pixels.rmsDistance(truth, preview);
            double uninformedDistance = Pixels.rmsDistance(truth, grey);
            assertTrue(fittedDistance < uninformedDistance / 3, "fitted preview rms " + fittedDistance
                    + " vs a flat grey guess " + uninformedDistance);
        }
    }

    private static BufferedImage blockAverage(BufferedImage image, int block) {
        int w = image.getWidth() / block;
        int h = image.getHeight() / block;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] sum = new int[3];
                for (int dy = 0; dy < block; dy++) {
                    for (int dx = 0; dx < block; dx++) {
                        int rgb = image.getRGB(x * block + dx, y * block + dy);
                        sum[0] += (rgb >> 16) & 0xFF;
                        sum[1] += (rgb >> 8) & 0xFF;
                        sum[2] += rgb & 0xFF;
                    }
                }
                int n = block * block;
                out.setRGB(x, y, (sum[0] / n) << 16 | (sum[1] / n) << 8 | sum[2] / n);
            }
        }
        return out;
    }
}
