package io.atelier.tools.bench.engine;

import ai.djl.ndarray.NDManager;
import io.atelier.bridge.ProcessMemory;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.upscale.TiledUpscaler;
import io.atelier.engine.upscale.UpscalerPackage;
import io.atelier.engine.upscale.Upscalers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Issue 18's speed figures: a {@code size}×{@code size} photograph (scikit-image's coffee, enlarged bicubically to
 * that size; a noise texture where python3-skimage is absent) upscaled ×4 by each model with the bridge's default
 * tiling, in this process: seconds, seconds per output megapixel (wall and CPU), and the process's peak RSS during
 * that model's run (Linux's VmHWM, reset before each model through /proc/self/clear_refs).
 */
public final class UpscaleBenchmark {
    private UpscaleBenchmark() {
    }

    public static void run(List<String> models, int size, Path outDirOrNull, PrintStream out) throws IOException {
        BufferedImage input = input(size);
        double outputMp = (double) size * 4 * size * 4 / 1e6;
        out.printf("input %dx%d -> output %dx%d (%.2f MP), tiling %s, %d cores, load average %.2f%n", size, size,
                size * 4, size * 4, outputMp, TiledUpscaler.Tiling.DEFAULT, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Upscalers upscalers = new Upscalers(); NDManager manager = upscalers.newJobManager()) {
            for (String id : models) {
                var model = upscalers.model(id, 4);
                // Warm-up on one tile so that libtorch's first-call setup is not timed.
                TiledUpscaler.upscale(model, input.getSubimage(0, 0, 64, 64), TiledUpscaler.Tiling.DEFAULT,
                        GenerationListener.NONE, manager);
                System.gc();
                ProcessMemory.resetPeak();
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                BufferedImage result = TiledUpscaler.upscale(model, input, TiledUpscaler.Tiling.DEFAULT,
                        GenerationListener.NONE, manager);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (processCpuNanos() - cpuStart) / 1e9;
                // CPU seconds as well: on a machine shared with other builds, wall time says more about them.
                out.printf("%-14s %7.1f s  %6.2f s/MP  (%6.2f CPU-s/MP)  peak RSS %5.2f GB  load %.1f%n", id, seconds,
                        seconds / outputMp, cpu / outputMp, ProcessMemory.gb("VmHWM"),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (outDirOrNull != null) {
                    Files.createDirectories(outDirOrNull);
                    ImageIO.write(result, "png", outDirOrNull.resolve(id + "-x4.png").toFile());
                }
            }
        }
    }

    private static BufferedImage input(int size) throws IOException {
        Path coffee = UpscaleQualityBenchmark.SKIMAGE_DATA.resolve("coffee.png");
        if (Files.isRegularFile(coffee)) {
            BufferedImage photo = UpscaleQualityBenchmark.centreCrop(ImageIO.read(coffee.toFile()), 400);
            BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            var g = scaled.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(photo, 0, 0, size, size, null);
            g.dispose();
            return scaled;
        }
        BufferedImage noise = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return noise;
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public static void main(String[] args) throws IOException {
        List<String> models = args.length > 0 ? List.of(args[0].split(","))
                : UpscalerPackage.installedPackages().stream().map(UpscalerPackage::id).toList();
        run(models, args.length > 1 ? Integer.parseInt(args[1]) : 1024, null, System.out);
    }
}
