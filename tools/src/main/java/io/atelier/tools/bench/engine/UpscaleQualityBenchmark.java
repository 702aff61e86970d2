package io.atelier.tools.bench.engine;

import ai.djl.ndarray.NDManager;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.upscale.CubicResize;
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

    /** MATLAB's {@code imresize(x, 1/4)} ({@link CubicResize#shrink}), the degradation the networks were trained on. */
    static BufferedImage shrink(BufferedImage image) {
        return CubicResize.shrink(image, SCALE);
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
