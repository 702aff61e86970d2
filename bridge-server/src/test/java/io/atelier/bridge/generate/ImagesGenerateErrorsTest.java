package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.service.ImagesService;
import java.awt.image.BufferedImage;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad inputs answer their stable codes at submit; a failing model fails its job with -32010 and the bridge goes on. */
class ImagesGenerateErrorsTest {
    private static final String SMALL = Generation.base64Png(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB));

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
    void out_of_range_params_answer_invalid_params_naming_the_field() {
        assertRefused(-32602, "width", p(50, null, null, null, null, null, null, null, null));
        assertRefused(-32602, "steps", p(null, 0, null, null, null, null, null, null, null));
        assertRefused(-32602, "guidance", p(null, null, 99.0, null, null, null, null, null, null));
        assertRefused(-32602, "count", p(null, null, null, 9, null, null, null, null, null));
        assertRefused(-32602, "sampler", p(null, null, null, null, "no_such_sampler", null, null, null, null));
        assertRefused(-32602, "strength", p(null, null, null, null, null, ImageInput.ofBase64(SMALL), 1.5, null, null));
        String otherSize = Generation.base64Png(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY));
        assertRefused(-32602, "mask", p(null, null, null, null, null, ImageInput.ofBase64(SMALL), null,
                ImageInput.ofBase64(otherSize), null));
        assertRefused(-32602, "lang", new ImagesGenerateParams("robe", null, "de", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void unknown_model_brand_or_adapter_answers_not_found() {
        assertRefused(-32004, "model", p(null, null, null, null, null, null, null, null, "no-such-model"));
        assertRefused(-32004, "brand", new ImagesGenerateParams("robe", null, null, "no-such-brand", null, null,
                null, null, null, null, null, null, null, null, null, null, null, null));
        assertRefused(-32004, "adapter", new ImagesGenerateParams("robe", null, null, null, "lora-7", null, null,
                null, null, null, null, null, null, null, null, null, null, null));
        assertRefused(-32004, "initImage.id", p(null, null, null, null, null, ImageInput.ofId("img-nothing"), null,
                null, null));
    }

    @Test
    void images_are_checked_by_magic_bytes_and_header_before_decoding() {
        String text = Base64.getEncoder().encodeToString("GIF89a not a png".getBytes());
        assertRefused(-32011, "initImage", p(null, null, null, null, null, ImageInput.ofBase64(text), null, null, null));
        // Uniform, so a few hundred bytes, but its header declares 4 million pixels.
        String huge = Generation.base64Png(new BufferedImage(2000, 2000, BufferedImage.TYPE_BYTE_GRAY));
        assertRefused(-32005, "initImage", p(null, null, null, null, null, ImageInput.ofBase64(huge), null, null, null));
        assertRefused(-32602, "initImage.base64", p(null, null, null, null, null, ImageInput.ofBase64("%%%"), null,
                null, null));
    }

    @Test
    void a_failing_model_fails_its_job_with_model_failure_and_the_next_job_succeeds() {
        try (AtelierSocket socket = client.openSocket(NotificationListener.NONE)) {
            JobsFinishedNotification failed = Generation.finish(socket,
                    p(null, null, null, null, null, null, null, null, "broken"));
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(-32010, failed.error().code());
            assertFalse(failed.error().data().reason().contains("deliberately"), "no libtorch text leaks");
            JobsFinishedNotification next = Generation.finish(socket, Generation.seeded("red dress", 1));
            assertEquals(JobStatus.SUCCEEDED, next.status());
        }
    }

    private static ImagesGenerateParams p(Integer width, Integer steps, Double guidance, Integer count,
                                          String sampler, ImageInput init, Double strength, ImageInput mask,
                                          String model) {
        return new ImagesGenerateParams("red dress", null, null, null, null, null, model, width, null, steps,
                guidance, sampler, null, count, init, strength, mask, null);
    }

    private static void assertRefused(int code, String field, ImagesGenerateParams params) {
        AtelierRpcException e = assertThrows(AtelierRpcException.class, () -> images.generate(params));
        assertEquals(code, e.code(), e.reason());
        assertEquals(field, e.field(), e.reason());
    }
}
