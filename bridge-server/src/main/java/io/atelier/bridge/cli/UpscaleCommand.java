package io.atelier.bridge.cli;

import io.atelier.bridge.batch.BridgeConnection;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.service.ImagesService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atelier upscale IN.png --scale 4 --out OUT.png}: one {@code images.upscale} job, a bar per tile. */
@Command(name = "upscale", mixinStandardHelpOptions = true,
        description = "Enlarge a PNG or JPEG by 2, 3, 4 or 8 with a pretrained ESRGAN network (output at most "
                + "4096x4096); writes a PNG that keeps provenance.")
final class UpscaleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The image to enlarge (PNG or JPEG).")
    Path in;

    @Option(names = "--scale", defaultValue = "4", description = "2, 3, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--model", paramLabel = "ID",
            description = "esrgan-slim (default, fastest), esrgan-medium or esrgan-thick (see models.list).")
    String model;

    @Option(names = "--tile", paramLabel = "PX", description = "Tile side in source pixels, 32..512 (default: the bridge's).")
    Integer tile;

    @Option(names = "--detail", paramLabel = "0..1",
            description = "After enlarging, redraw each tile with the model and prompt that made IN (an image made by "
                    + "Atelier) at strength detail/2 (default: none).")
    Double detail;

    @Option(names = "--out", paramLabel = "OUT.png", description = "Where to write (default: IN-xS.png beside IN).")
    Path out;

    @Option(names = "--wait-minutes", defaultValue = "60", description = "Longest wait for the job (default: ${DEFAULT-VALUE}).")
    int waitMinutes;

    @Mixin
    BridgeOptions connection;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(in)) {
            System.err.println("atelier: no file " + in);
            return 2;
        }
        Path target = out != null ? out : in.resolveSibling(in.getFileName().toString()
                .replaceFirst("\\.[A-Za-z]+$", "") + "-x" + scale + ".png");
        ImagesUpscaleParams params = new ImagesUpscaleParams(
                ImageInput.ofBase64(Base64.getEncoder().encodeToString(Files.readAllBytes(in))), scale, model, tile,
                detail);
        try (BridgeConnection bridge = connection.open(System.err);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("Upscale x" + scale).setInitialMax(1)
                     .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setUnit(" tiles", 1)
                     .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            AtelierClient client = bridge.client();
            try (AtelierSocket socket = client.openSocket(new NotificationListener() {
                @Override
                public void onProgress(JobsProgressNotification progress) {
                    bar.maxHint(progress.totalSteps());
                    bar.stepTo(progress.step());
                }
            })) {
                String jobId = socket.service(ImagesService.class).upscale(params).jobId();
                JobsFinishedNotification finished = socket.awaitFinished(jobId, Duration.ofMinutes(waitMinutes));
                if (finished.status() != JobStatus.SUCCEEDED) {
                    System.err.println("\natelier: upscale " + finished.status().name().toLowerCase()
                            + (finished.error() != null ? ": " + finished.error().data().reason() : ""));
                    return 1;
                }
                Files.write(target, client.fetchImage(finished.results().get(0)));
            }
        } catch (AtelierRpcException e) {
            System.err.println("atelier: " + e.reason() + " (" + e.code() + ")");
            return 2;
        }
        System.out.println(target.toAbsolutePath());
        return 0;
    }
}
