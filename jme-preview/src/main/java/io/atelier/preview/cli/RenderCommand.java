package io.atelier.preview.cli;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.render.ChildProcessRenderer;
import io.atelier.preview.render.PreviewRenderer;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.SceneKind;
import io.atelier.preview.store.CameraPreset;
import io.atelier.preview.store.StoreParams;
import io.atelier.preview.store.TimeOfDay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code preview render}: writes PNG stills with no window (on the X display, or under xvfb-run when there is none), and optionally the
 * scene as glTF 2.0. Exit codes: 0 done, 2 bad arguments, 3 render failed.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render preview stills (a garment turntable or store views) to PNG files, headless.")
public final class RenderCommand implements Callable<Integer> {

    @Option(names = "--scene", defaultValue = "garment", description = "garment or store (default: ${DEFAULT-VALUE})")
    String scene;

    @Option(names = "--garment", defaultValue = "dress", description = "dress, biker_jacket, trousers, tshirt, handbag")
    String garment;

    @Option(names = {"--material", "--fabric"},
            description = "cotton, denim, leather, silk, wool or knit (default: the garment's usual material)")
    String fabric;

    @Option(names = "--image", description = "a generated PNG: the flat (garment) or mural, window, flats (store); repeatable")
    List<Path> images = new ArrayList<>();

    @Option(names = "--time", defaultValue = "golden-hour", description = "morning, noon, golden-hour or night")
    String time;

    @Option(names = "--camera", description = "store: only this preset (street, entrance, interior-wide)")
    String camera;

    @Option(names = "--views", description = "garment: turntable frames (default 12); store: camera presets, 1 to 3 (default 3)")
    Integer views;

    @Option(names = "--width", defaultValue = "1280")
    int width;

    @Option(names = "--height", defaultValue = "720")
    int height;

    @Option(names = "--store-width", defaultValue = "10", description = "store frontage in metres")
    float storeWidth;

    @Option(names = "--store-depth", defaultValue = "8", description = "store depth in metres")
    float storeDepth;

    @Option(names = "--gltf", description = "also export the scene as glTF 2.0 (.gltf embedded or .glb)")
    Path gltf;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--print-progress", hidden = true, description = "print 'progress N' after each view (the bridge's child renderer reads it)")
    boolean printProgress;

    @Option(names = "--report-memory", hidden = true, description = "print the process's peak RSS (benchmark)")
    boolean reportMemory;

    @Override
    public Integer call() throws Exception {
        PreviewRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            if (gltf != null) {
                io.atelier.preview.gltf.GltfSceneExporter.exportRequest(request, gltf);
                System.out.println(gltf);
            }
            for (Path p : renderTo(request)) {
                System.out.println(p);
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        } finally {
            if (reportMemory) {
                System.err.println("peakRssKiB=" + PeakMemory.peakRssKiB());
                System.err.println("cpuMs=" + PeakMemory.cpuMillis());
            }
        }
        return 0;
    }

    /**
     * Renders here when there is a display (Xvfb's included); with none, in a child JVM under xvfb-run, whose own
     * {@code render} then finds the display xvfb-run made, so a plain {@code ./atelier preview render} works headless.
     */
    private List<Path> renderTo(PreviewRequest request) {
        if (System.getenv("DISPLAY") == null) {
            return new ChildProcessRenderer().render(request, out);
        }
        return new PreviewRenderer().renderTo(request, out, views -> {
            if (printProgress) {
                System.out.println(ChildProcessRenderer.PROGRESS_PREFIX + views);
                System.out.flush();
            }
        });
    }

    PreviewRequest request() throws IOException {
        SceneKind kind = SceneKind.fromId(scene);
        List<BufferedImage> loaded = new ArrayList<>();
        for (Path p : images) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read image " + p.getFileName());
            }
            BufferedImage img = ImageIO.read(p.toFile());
            if (img == null) {
                throw new IllegalArgumentException("not a PNG or JPEG image: " + p.getFileName());
            }
            loaded.add(img);
        }
        int n = views != null ? views : (kind == SceneKind.GARMENT ? PreviewRequest.DEFAULT_TURNTABLE_FRAMES : 3);
        if (kind == SceneKind.STORE && n > 3) {
            throw new IllegalArgumentException("a store has 3 camera presets; --views must be 1 to 3");
        }
        StoreParams store = new StoreParams(storeWidth, storeDepth, 3.6f, 4, 2, 2);
        return new PreviewRequest(kind, GarmentKind.fromId(garment), fabric == null ? null : Fabric.fromId(fabric),
                loaded, TimeOfDay.fromId(time), store, camera == null ? null : CameraPreset.fromId(camera),
                camera == null ? n : 1, width, height);
    }
}
