package io.atelier.preview.live;

import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsListParams;
import io.atelier.protocol.service.HistoryService;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.TaxonomyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the bridge over its WebSocket: every job that succeeds (from Krita, Photopea, the CLI …) hands its
 * images to the sink, each with its design (category and material) read from its history record
 * ({@link DesignReader}). Jobs of this socket are pushed ({@code jobs.finished}); others are found by polling
 * {@code jobs.list} and subscribed to, so the viewer hears of them as soon as they end. The sink is called on
 * this follower's own thread, never on the render thread.
 */
public final class BridgeFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeFollower.class);

    private final AtelierClient client;
    private final Consumer<GeneratedImage> sink;
    private final Duration pollEvery;
    private final NewResultTracker tracker = new NewResultTracker();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "atelier-preview-follower");
        t.setDaemon(true);
        return t;
    });
    private volatile AtelierSocket socket;

    public BridgeFollower(AtelierClient client, Consumer<GeneratedImage> sink, Duration pollEvery) {
        this.client = client;
        this.sink = sink;
        this.pollEvery = pollEvery;
    }

    /** Opens the socket (throws AtelierRpcException if the bridge refuses) and starts polling. */
    public void start() {
        socket = client.openSocket(new NotificationListener() {
            @Override
            public void onFinished(JobsFinishedNotification finished) {
                worker.execute(() -> deliver(tracker.onFinished(finished)));
            }

            @Override
            public void onClosed(int code, String reason) {
                LOG.info("bridge socket closed ({}): the viewer keeps its last images", code);
            }
        });
        worker.scheduleWithFixedDelay(this::poll, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            JobsService jobs = socket.service(JobsService.class);
            List<JobInfo> listing = jobs.list(new JobsListParams(null, 20)).jobs();
            for (String id : tracker.toSubscribe(listing)) {
                try {
                    jobs.subscribe(new JobIdParams(id));
                } catch (RuntimeException e) {
                    // the job may have ended in between: the next listing shows its results anyway
                    LOG.debug("cannot subscribe to {}: {}", id, e.getMessage());
                }
            }
            deliver(tracker.onListing(listing));
        } catch (AtelierRpcException e) {
            LOG.warn("bridge poll failed: {}", e.reason());
        } catch (RuntimeException e) {
            LOG.warn("bridge poll failed: {}", e.getMessage());
        }
    }

    private void deliver(List<ImageRef> refs) {
        for (ImageRef ref : refs) {
            try {
                byte[] png = client.fetchImage(ref);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                if (image != null) {
                    sink.accept(new GeneratedImage(image, design(ref, png)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot fetch image {}: {}", ref.id(), e.getMessage());
            }
        }
    }

    /** The image's design; unknown (the viewer's own garment) when its record cannot be read. */
    private GarmentDesign design(ImageRef ref, byte[] png) {
        try {
            AtelierSocket s = socket;
            return new DesignReader(s.service(HistoryService.class), s.service(TaxonomyService.class)).read(png);
        } catch (AtelierRpcException e) {
            LOG.info("no design for image {}: {}", ref.id(), e.reason());
        } catch (RuntimeException e) {
            LOG.info("no design for image {}: {}", ref.id(), e.getMessage());
        }
        return GarmentDesign.UNKNOWN;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        AtelierSocket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
