package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.ModelKind;
import io.atelier.protocol.SessionInitializeParams;
import io.atelier.protocol.service.ImagesService;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.ModelsService;
import io.atelier.protocol.service.SessionService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** images.upscale through a real bridge: the job, its progress and provenance, and bad input answered clearly. */
class ImagesUpscaleTest {
    private static GenerationTestBridge bridge;
    private static AtelierClient client;
    private static ImagesService images;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge();
        client = bridge.client();
        images = client.service(ImagesService.class);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void upscale_is_offered_and_its_models_listed_as_upscalers() {
        var session = client.service(SessionService.class).initialize(new SessionInitializeParams("test", "1", null));
        assertTrue(session.capabilities().contains("images.upscale"));
        var upscalers = client.service(ModelsService.class).list(new io.atelier.protocol.Empty()).models().stream()
                .filter(m -> m.kind() == ModelKind.UPSCALER).toList();
        assertTrue(upscalers.stream().anyMatch(m -> m.id().equals("esrgan-slim") && !m.isDefault()), upscalers::toString);
    }

    @Test
    void a_generated_image_upscaled_by_id_keeps_its_provenance_and_reports_each_tile() {
        List<JobsProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (AtelierSocket socket = client.openSocket(new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification p) {
                progress.add(p);
            }
        })) {
            ImageRef generated = Generation.run(socket, Generation.seeded("red dress", 3)).get(0);
            byte[] sourcePng = client.fetchImage(generated);
            String jobId = socket.service(ImagesService.class).upscale(new ImagesUpscaleParams(
                    ImageInput.ofId(generated.id()), 2, "esrgan-slim", 32, null)).jobId();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Generation.WAIT);
            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
            ImageRef result = finished.results().get(0);
            assertEquals(generated.width() * 2, result.width());
            assertEquals(generated.height() * 2, result.height());

            List<JobsProgressNotification> mine = progress.stream().filter(p -> p.jobId().equals(jobId)).toList();
            assertTrue(!mine.isEmpty() && mine.get(mine.size() - 1).step() == mine.get(0).totalSteps(),
                    mine::toString);
            assertTrue(mine.get(0).totalSteps() > 1, "a 32-pixel tile splits the image: " + mine);

            String xmp = Generation.chunksText(client.fetchImage(result));
            assertTrue(xmp.contains("atelier:upscaleOf=\"" + Generation.recordId(sourcePng) + "\""), xmp);
            assertTrue(xmp.contains("atelier:model=\"esrgan-slim\""), xmp);
            String sourceType = Generation.chunksText(sourcePng).replaceAll("(?s).*DigitalSourceType=\"([^\"]+)\".*",
                    "$1");
            assertTrue(xmp.contains("DigitalSourceType=\"" + sourceType + "\""), xmp);
        }
    }

    @Test
    void the_detail_pass_redraws_the_enlarged_tiles_with_the_source_prompt() {
        List<JobsProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (AtelierSocket socket = client.openSocket(new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification p) {
                progress.add(p);
            }
        })) {
            ImageRef generated = Generation.run(socket, Generation.seeded("red dress", 4)).get(0);
            ImagesService service = socket.service(ImagesService.class);
            String plainJob = service.upscale(new ImagesUpscaleParams(ImageInput.ofId(generated.id()), 2)).jobId();
            JobsFinishedNotification plain = socket.awaitFinished(plainJob, Generation.WAIT);
            String detailJob = service.upscale(new ImagesUpscaleParams(ImageInput.ofId(generated.id()), 2, null,
                    null, 0.6)).jobId();
            JobsFinishedNotification detailed = socket.awaitFinished(detailJob, Generation.WAIT);
            assertEquals(JobStatus.SUCCEEDED, detailed.status(), () -> String.valueOf(detailed.error()));
            BufferedImage a = Generation.pixels(client, plain.results().get(0));
            BufferedImage b = Generation.pixels(client, detailed.results().get(0));
            assertEquals(a.getWidth(), b.getWidth());
            assertTrue(!Generation.samePixels(a, b), "the detail pass changed nothing");
            int plainTotal = progress.stream().filter(p -> p.jobId().equals(plainJob)).findFirst().orElseThrow()
                    .totalSteps();
            int detailTotal = progress.stream().filter(p -> p.jobId().equals(detailJob)).findFirst().orElseThrow()
                    .totalSteps();
            assertTrue(detailTotal > plainTotal, "progress counts the redrawn tiles too: " + detailTotal);
        }
        String photo = Generation.base64Png(TiledTexture.of(64, 64));
        AtelierRpcException noPrompt = refused(new ImagesUpscaleParams(ImageInput.ofBase64(photo), 2, null, null,
                0.5));
        assertEquals("detail", noPrompt.field());
        assertTrue(noPrompt.reason().contains("prompt"), noPrompt.reason());
    }

    @Test
    void cancel_stops_between_tiles() {
        String photo = Generation.base64Png(TiledTexture.of(256, 256));
        try (AtelierSocket socket = client.openSocket(NotificationListener.NONE)) {
            String jobId = socket.service(ImagesService.class).upscale(new ImagesUpscaleParams(
                    ImageInput.ofBase64(photo), 4, null, 32, null)).jobId();
            client.service(JobsService.class).cancel(new io.atelier.protocol.JobIdParams(jobId));
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Generation.WAIT);
            assertEquals(JobStatus.CANCELLED, finished.status());
        }
    }

    @Test
    void bad_input_answers_stable_codes_and_the_bridge_goes_on() {
        String small = Generation.base64Png(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
        AtelierRpcException scale = refused(new ImagesUpscaleParams(ImageInput.ofBase64(small), 5));
        assertEquals(-32602, scale.code());
        assertEquals("scale", scale.field());

        AtelierRpcException empty = refused(new ImagesUpscaleParams(ImageInput.ofBase64(pngHeader(0, 0)), 2));
        assertEquals(-32011, empty.code(), empty.reason());
        assertEquals("image", empty.field());

        // A header declaring 100000x100000 pixels, with no pixel data behind it: refused before decoding.
        AtelierRpcException huge = refused(new ImagesUpscaleParams(ImageInput.ofBase64(pngHeader(100_000, 100_000)), 2));
        assertEquals(-32005, huge.code());
        assertTrue(huge.reason().contains("4096x4096"), huge.reason());
        // Within the decoder's pixel budget but too wide once enlarged.
        String wide = Generation.base64Png(new BufferedImage(1500, 100, BufferedImage.TYPE_BYTE_GRAY));
        AtelierRpcException tooWide = refused(new ImagesUpscaleParams(ImageInput.ofBase64(wide), 4));
        assertEquals(-32005, tooWide.code());
        assertTrue(tooWide.reason().contains("1024x1024"), tooWide.reason());

        assertEquals(-32004, refused(new ImagesUpscaleParams(ImageInput.ofBase64(small), 2, "no-such", null, null))
                .code());
        assertEquals("tile", refused(new ImagesUpscaleParams(ImageInput.ofBase64(small), 2, null, 4, null)).field());
        assertEquals("detail", refused(new ImagesUpscaleParams(ImageInput.ofBase64(small), 2, null, null, 1.5))
                .field());
        assertEquals(-32004, refused(new ImagesUpscaleParams(ImageInput.ofId("img-nothing"), 2)).code());

        try (AtelierSocket socket = client.openSocket(NotificationListener.NONE)) {
            String jobId = socket.service(ImagesService.class)
                    .upscale(new ImagesUpscaleParams(ImageInput.ofBase64(small), 8)).jobId();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Generation.WAIT);
            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
            assertEquals(128, finished.results().get(0).width());
        }
    }

    private static AtelierRpcException refused(ImagesUpscaleParams params) {
        return assertThrows(AtelierRpcException.class, () -> images.upscale(params));
    }

    /** A PNG that is only a signature, an IHDR declaring this size (8-bit RGB) and IEND. */
    static String pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes());
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Noise and stripes, so that tiles have something to do. */
    static final class TiledTexture {
        static BufferedImage of(int width, int height) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            java.util.Random random = new java.util.Random(5);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, ((x / 8) % 2 == 0 ? 0xC03020 : 0x204080) + random.nextInt(16));
                }
            }
            return image;
        }
    }
}
