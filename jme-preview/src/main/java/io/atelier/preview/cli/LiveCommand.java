package io.atelier.preview.cli;

import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.live.BridgeFollower;
import io.atelier.preview.live.GarmentChoice;
import io.atelier.preview.live.GeneratedImage;
import io.atelier.preview.live.LivePreviewApp;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.SceneKind;
import io.atelier.preview.store.StoreParams;
import io.atelier.preview.store.TimeOfDay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code preview live} (and plain {@code preview}): the viewer window following the bridge. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Open the 3D viewer and follow the bridge: new images appear on the garment and in the store.")
public final class LiveCommand implements Callable<Integer> {

    @Option(names = "--scene", defaultValue = "garment", description = "garment or store")
    String scene;

    @Option(names = "--garment", description = "always this garment (default: the category each image was designed as, "
            + "else a dress)")
    String garment;

    @Option(names = {"--material", "--fabric"}, description = "always this material: cotton, denim, leather, silk, wool, "
            + "knit (default: the material each prompt named, else the garment's usual one)")
    String material;

    @Option(names = "--time", defaultValue = "golden-hour")
    String time;

    @Option(names = "--home", description = "Atelier home holding the token (default: $ATELIER_HOME or ~/.atelier)")
    Path home;

    @Option(names = "--url", defaultValue = AtelierClient.DEFAULT_URL, description = "bridge URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--image", description = "show these PNGs at once (repeatable); with --offline, without a bridge")
    List<Path> images = new java.util.ArrayList<>();

    @Option(names = "--offline", description = "do not follow the bridge: only show the --image files")
    boolean offline;

    @Override
    public Integer call() throws Exception {
        PreviewRequest template;
        GarmentChoice choice;
        try {
            SceneKind kind = SceneKind.fromId(scene);
            choice = new GarmentChoice(garment == null ? null : GarmentKind.fromId(garment),
                    material == null ? null : Fabric.fromId(material));
            template = new PreviewRequest(kind, choice.kindOrNull() != null ? choice.kindOrNull() : GarmentKind.DRESS,
                    choice.fabricOrNull(), List.of(), TimeOfDay.fromId(time), StoreParams.defaults(), null,
                    kind == SceneKind.GARMENT ? 1 : 3, 1280, 720);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        String envHome = System.getenv("ATELIER_HOME"); // the bridge's own default, so both find the same token
        Path atelierHome = home != null ? home
                : envHome != null && !envHome.isBlank() ? Path.of(envHome)
                : Path.of(System.getProperty("user.home"), ".atelier");
        LivePreviewApp app = new LivePreviewApp(template, choice);
        for (Path p : images) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(p.toFile());
            if (image == null) {
                System.err.println("error: not a PNG or JPEG image: " + p.getFileName());
                return 2;
            }
            app.show(GeneratedImage.local(image));
        }
        if (offline) {
            app.start();
            app.awaitClosed();
            return 0;
        }
        try (AtelierClient client = AtelierClient.fromHome(atelierHome, url);
             BridgeFollower follower = new BridgeFollower(client, app::show, Duration.ofSeconds(2))) {
            follower.start();
            app.start();
            app.awaitClosed();
            return 0;
        } catch (AtelierRpcException e) {
            System.err.println("error: cannot follow the bridge at " + url + ": " + e.reason());
            return 4;
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            System.err.println("error: cannot follow the bridge at " + url + ": " + e.getMessage());
            return 4;
        }
    }
}
