package io.atelier.bridge.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.images.PngHeader;
import io.atelier.bridge.support.Pngs;
import io.atelier.bridge.support.TestBridge;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.PreviewGarmentOptions;
import io.atelier.protocol.PreviewRenderParams;
import io.atelier.protocol.PreviewScene;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.PreviewService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code preview.render} over a real bridge (HTTP and WebSocket on a free port) with the typed Java client. The renders
 * are real: jme-preview in a child JVM under xvfb-run and Mesa, at a small size to stay quick.
 */
class PreviewRenderJobTest {
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(90);
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void garment_render_gives_one_still_per_view_at_the_asked_size_and_finishes_over_the_socket() throws Exception {
        List<JobsProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (AtelierClient client = client(bridge.adminToken());
             AtelierSocket socket = client.openSocket(new NotificationListener() {
                 @Override
                 public void onProgress(JobsProgressNotification notification) {
                     progress.add(notification);
                 }
             })) {
            PreviewRenderParams params = new PreviewRenderParams(PreviewScene.GARMENT, List.of(ImageInput.ofBase64(flatBase64())),
                    new PreviewGarmentOptions("dress", "cotton"), null, 3, 160, 120);
            String jobId = socket.service(PreviewService.class).render(params).jobId();

            JobsFinishedNotification finished = socket.awaitFinished(jobId, RENDER_TIMEOUT);

            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> "error: " + finished.error());
            assertEquals(3, finished.results().size());
            Set<String> distinct = new HashSet<>();
            for (ImageRef still : finished.results()) {
                assertEquals(160, still.width());
                assertEquals(120, still.height());
                assertEquals(new PngHeader(160, 120), PngHeader.read(client.fetchImage(still)));
                distinct.add(still.sha256());
            }
            assertEquals(3, distinct.size(), "a turntable shows the garment from three different angles");
            assertEquals(List.of(0, 1, 2, 3), progress.stream().map(JobsProgressNotification::step).toList(),
                    "one progress at the start, then one per captured view");
            assertTrue(progress.stream().allMatch(p -> p.totalSteps() == 3));
        }
    }

    @Test
    void invalid_params_are_refused_at_once_naming_the_field() {
        try (AtelierClient client = client(bridge.adminToken())) {
            PreviewService preview = client.service(PreviewService.class);
            List<ImageInput> flat = List.of(ImageInput.ofBase64(flatBase64()));

            assertRefused(-32602, "views", () -> preview.render(
                    new PreviewRenderParams(PreviewScene.GARMENT, flat, null, null, 0, null, null)));
            assertRefused(-32602, "garment.category", () -> preview.render(new PreviewRenderParams(
                    PreviewScene.GARMENT, flat, new PreviewGarmentOptions("spacesuit", null), null, null, null, null)));
            assertRefused(-32602, "width", () -> preview.render(
                    new PreviewRenderParams(PreviewScene.GARMENT, flat, null, null, 1, 8, 120)));
            assertRefused(-32602, "images[0].base64", () -> preview.render(new PreviewRenderParams(
                    PreviewScene.GARMENT, List.of(ImageInput.ofBase64("not base64 at all!")), null, null, 1, 64, 64)));
        }
    }

    @Test
    void images_are_checked_before_they_are_decoded() {
        try (AtelierClient client = client(bridge.adminToken())) {
            PreviewService preview = client.service(PreviewService.class);
            byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] truncatedPng = java.util.Arrays.copyOf(Pngs.solid(32, 32), 40);

            assertRefused(-32011, "images[0].base64", () -> preview.render(garment(gif)));
            assertRefused(-32011, "images[0].base64", () -> preview.render(garment(truncatedPng)));
            assertRefused(-32005, "images[0].base64", () -> preview.render(garment(pngClaiming(60_000, 60_000))));
        }
    }

    @Test
    void scoped_token_cannot_use_another_brands_image_and_stills_keep_the_images_brand() throws Exception {
        ImageRef rivalFlat = bridge.bridge().images().put(Pngs.solid(48, 48), "rival", null);
        PreviewRenderParams params = new PreviewRenderParams(PreviewScene.GARMENT, List.of(ImageInput.ofId(rivalFlat.id())),
                null, null, 1, 64, 64);

        try (AtelierClient maison = client(bridge.scopedToken("maison"))) {
            assertRefused(-32004, "images[0].id", () -> maison.service(PreviewService.class).render(params));
        }
        try (AtelierClient rival = client(bridge.scopedToken("rival"));
             AtelierSocket socket = rival.openSocket(NotificationListener.NONE);
             AtelierClient maison = client(bridge.scopedToken("maison"))) {
            String jobId = socket.service(PreviewService.class).render(params).jobId();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, RENDER_TIMEOUT);
            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> "error: " + finished.error());
            ImageRef still = finished.results().get(0);
            assertNotNull(rival.fetchImage(still));
            AtelierRpcException hidden = assertThrows(AtelierRpcException.class, () -> maison.fetchImage(still));
            assertEquals(-32004, hidden.code(), "a still made from rival's image is rival's");
        }
    }

    @Test
    void cancel_stops_the_render_and_kills_the_renderer() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        try (AtelierClient client = client(bridge.adminToken());
             AtelierSocket socket = client.openSocket(new NotificationListener() {
                 @Override
                 public void onProgress(JobsProgressNotification notification) {
                     running.countDown();
                 }
             })) {
            PreviewRenderParams params = new PreviewRenderParams(PreviewScene.GARMENT, List.of(), null, null, 72, 640, 360);
            String jobId = socket.service(PreviewService.class).render(params).jobId();
            assertTrue(running.await(30, TimeUnit.SECONDS), "the job started");
            assertTrue(waitFor(() -> !renderers().isEmpty(), Duration.ofSeconds(10)), "a renderer child was started");

            socket.service(JobsService.class).cancel(new JobIdParams(jobId));
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Duration.ofSeconds(20));

            assertEquals(JobStatus.CANCELLED, finished.status());
            assertTrue(waitFor(() -> renderers().isEmpty(), Duration.ofSeconds(5)),
                    "no renderer, xvfb-run or Xvfb outlives the cancelled job: " + renderers());
        }
    }

    private static AtelierClient client(String token) {
        return AtelierClient.create(bridge.bridge().baseUri().toString(), token);
    }

    private static PreviewRenderParams garment(byte[] image) {
        return new PreviewRenderParams(PreviewScene.GARMENT, List.of(ImageInput.ofBase64(Base64.getEncoder().encodeToString(image))),
                null, null, 1, 64, 64);
    }

    private static void assertRefused(int code, String field, Runnable call) {
        AtelierRpcException refused = assertThrows(AtelierRpcException.class, call::run);
        assertEquals(code, refused.code(), refused::reason);
        assertEquals(field, refused.field());
    }

    /** A striped flat, as a generated front view would be. */
    private static String flatBase64() {
        BufferedImage flat = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                flat.setRGB(x, y, (y / 8) % 2 == 0 ? 0xb03030 : 0xf0e0d0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(flat, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** A real PNG whose header claims a huge size: only the header may be read. */
    private static byte[] pngClaiming(int width, int height) {
        byte[] png = Pngs.solid(4, 4);
        ByteBuffer.wrap(png).putInt(16, width).putInt(20, height);
        return png;
    }

    /** This JVM's children: the renderer JVMs, xvfb-run and Xvfb. */
    private static List<ProcessHandle> renderers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static boolean waitFor(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.get();
    }
}
