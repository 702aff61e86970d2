package io.atelier.engine.bench;

import ai.djl.ndarray.NDManager;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.upscale.TiledUpscaler;
import io.atelier.engine.upscale.UpscalerPackage;
import io.atelier.engine.upscale.Upscalers;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Issue 18's quality table: real photographs from Debian's python3-skimage package (its sample data), each centre
 * crop shrunk ×4 as DIV2K's low-resolution images were (MATLAB's bicubic imresize), then enlarged back ×4 by Java2D's bicubic and by each installed ESRGAN
 * model; PSNR and SSIM against the original crop ({@link ImageQuality}: luma, border of 4 left out).
 */
public final class UpscaleQualityBenchmark {
    public static final Path SKIMAGE_DATA = Path.of("/usr/lib/python3/dist-packages/skimage/data");
    /** Photographs only (scikit-image's synthetic and binary samples left out). */
    public static final List<String> PHOTOS = List.of("astronaut.png", "camera.png", "chelsea.png", "coffee.png",
            "coins.png", "moon.png", "rocket.jpg", "hubble_deep_field.jpg", "retina.jpg", "motorcycle_left.png",
            "brick.png", "gravel.png", "grass.png", "ihc.png");
    private static final int SCALE = 4;

    private UpscaleQualityBenchmark() {
    }

    public static void run(Path folder, int crop, PrintStream out) throws IOException {
        List<String> methods = new ArrayList<>(List.of("bicubic"));
        UpscalerPackage.installedPackages().forEach(p -> methods.add(p.id()));
        Map<String, double[]> totals = new LinkedHashMap<>();
        methods.forEach(m -> totals.put(m, new double[2]));
        out.printf("%-22s", "photo (PSNR dB / SSIM)");
        methods.forEach(m -> out.printf(" | %-15s", m));
        out.println();
        int count = 0;
        try (Upscalers upscalers = new Upscalers(); NDManager manager = upscalers.newJobManager()) {
            for (String name : PHOTOS) {
                Path file = folder.resolve(name);
                if (!Files.isRegularFile(file)) {
                    out.println(name + ": not found under " + folder + " (apt-get install python3-skimage)");
                    continue;
                }
                BufferedImage original = centreCrop(ImageIO.read(file.toFile()), crop);
                BufferedImage small = shrink(original);
                out.printf("%-22s", name + " " + original.getWidth() + "²");
                for (String method : methods) {
                    BufferedImage up = method.equals("bicubic") ? bicubic(small)
                            : TiledUpscaler.upscale(upscalers.model(method, SCALE), small,
                            TiledUpscaler.Tiling.DEFAULT, GenerationListener.NONE, manager);
                    double psnr = ImageQuality.psnr(original, up, SCALE);
                    double ssim = ImageQuality.ssim(original, up, SCALE);
                    totals.get(method)[0] += psnr;
                    totals.get(method)[1] += ssim;
                    out.printf(" | %6.2f / %.4f", psnr, ssim);
                }
                out.println();
                count++;
            }
        }
        out.printf("%-22s", "mean of " + count);
        for (double[] t : totals.values()) {
            out.printf(" | %6.2f / %.4f", t[0] / count, t[1] / count);
        }
        out.println();
    }

    /** An opaque RGB copy of the centre {@code size}×{@code size} (a multiple of 4), grey images as RGB. */
    static BufferedImage centreCrop(BufferedImage image, int size) {
        int side = Math.min(size, Math.min(image.getWidth(), image.getHeight())) / SCALE * SCALE;
        int x0 = (image.getWidth() - side) / 2;
        int y0 = (image.getHeight() - side) / 2;
        BufferedImage rgb = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, -x0, -y0, null);
        g.dispose();
        return rgb;
    }

    /**
     * MATLAB's {@code imresize(x, 1/4)}: bicubic (a = -0.5) widened by the scale so that it also low-passes, the
     * degradation DIV2K's low-resolution images were made with and hence the one these networks were trained on.
     * Separable; borders mirrored as MATLAB does.
     */
    static BufferedImage shrink(BufferedImage image) {
        int w = image.getWidth() / SCALE;
        int h = image.getHeight() / SCALE;
        float[][] planes = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] full = new float[image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    full[y * image.getWidth() + x] = (image.getRGB(x, y) >> (16 - 8 * c)) & 0xFF;
                }
            }
            float[] rows = resizeAxis(full, image.getWidth(), image.getHeight(), w, true);
            planes[c] = resizeAxis(rows, w, image.getHeight(), h, false);
        }
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb |= Math.max(0, Math.min(255, Math.round(planes[c][y * w + x]))) << (16 - 8 * c);
                }
                small.setRGB(x, y, rgb);
            }
        }
        return small;
    }

    /** One axis of {@link #shrink}: along x when {@code horizontal}, else along y. */
    private static float[] resizeAxis(float[] in, int width, int height, int outLength, boolean horizontal) {
        int inLength = horizontal ? width : height;
        int outW = horizontal ? outLength : width;
        int outH = horizontal ? height : outLength;
        float[] out = new float[outW * outH];
        for (int o = 0; o < outLength; o++) {
            double centre = (o + 0.5) * SCALE - 0.5;
            int first = (int) Math.floor(centre - 2 * SCALE);
            int last = (int) Math.ceil(centre + 2 * SCALE);
            double[] weights = new double[last - first + 1];
            double total = 0;
            for (int j = first; j <= last; j++) {
                weights[j - first] = cubic((centre - j) / SCALE);
                total += weights[j - first];
            }
            for (int k = 0; k < (horizontal ? height : width); k++) {
                double sum = 0;
                for (int j = first; j <= last; j++) {
                    int m = mirror(j, inLength);
                    sum += weights[j - first] * (horizontal ? in[k * width + m] : in[m * width + k]);
                }
                out[horizontal ? k * outW + o : o * outW + k] = (float) (sum / total);
            }
        }
        return out;
    }

    private static double cubic(double x) {
        double a = Math.abs(x);
        if (a <= 1) {
            return 1.5 * a * a * a - 2.5 * a * a + 1;
        }
        return a < 2 ? -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2 : 0;
    }

    private static int mirror(int i, int length) {
        if (i < 0) {
            return Math.min(length - 1, -i - 1);
        }
        return i >= length ? Math.max(0, 2 * length - i - 1) : i;
    }

    static BufferedImage bicubic(BufferedImage small) {
        BufferedImage up = new BufferedImage(small.getWidth() * SCALE, small.getHeight() * SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = up.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(small, 0, 0, up.getWidth(), up.getHeight(), null);
        g.dispose();
        return up;
    }

    public static void main(String[] args) throws IOException {
        run(args.length > 0 ? Path.of(args[0]) : SKIMAGE_DATA, args.length > 1 ? Integer.parseInt(args[1]) : 384,
                System.out);
    }
}
