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
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.service.ImagesService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Brand scope: a token scoped to one brand sees nothing of another brand's generation or upscale, and the policy is
 * honoured.
 */
class ImagesGenerateScopeTest {
    private static GenerationTestBridge bridge;
    private static AtelierClient admin;
    private static AtelierClient maisonOnly;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge();
        admin = bridge.admin();
        admin.call("brands.create", Map.of("id", "maison", "displayName", "Maison"));
        admin.call("brands.create", Map.of("id", "secret", "displayName", "Secret",
                "policy", Map.of("embedPrompt", false)));
        maisonOnly = bridge.scoped("maison");
    }

    @AfterAll
    static void stop() throws Exception {
        maisonOnly.close();
        admin.close();
        bridge.close();
    }

    @Test
    void a_scoped_token_cannot_see_another_brands_job_image_or_record() {
        String jobId;
        ImageRef ref;
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            jobId = socket.service(ImagesService.class).generate(branded("secret", "black handbag")).jobId();
            ref = socket.awaitFinished(jobId, Generation.WAIT).results().get(0);
        }
        byte[] png = admin.fetchImage(ref);
        String recordId = Generation.recordId(png);

        assertNotFound(() -> maisonOnly.call("jobs.get", Map.of("jobId", jobId)));
        assertNotFound(() -> maisonOnly.fetchImage(ref));
        assertNotFound(() -> maisonOnly.call("history.get", Map.of("id", recordId)));
        assertNotFound(() -> maisonOnly.service(ImagesService.class).generate(branded("secret", "robe")));
        assertNotFound(() -> maisonOnly.service(ImagesService.class).generate(new ImagesGenerateParams("robe", null,
                null, "maison", null, null, null, null, null, null, null, null, null, null, ImageInput.ofId(ref.id()),
                null, null, null)));
        assertFalse(maisonOnly.call("jobs.list", Map.of()).toString().contains(jobId));
    }

    @Test
    void unbranded_work_is_read_back_by_the_token_that_made_it_and_by_no_other_house() throws Exception {
        try (AtelierClient secretOnly = bridge.scoped("secret");
             AtelierSocket socket = maisonOnly.openSocket(NotificationListener.NONE)) {
            byte[] png = maisonOnly.fetchImage(Generation.run(socket, branded(null, "robe à pois essai")).get(0));
            String recordId = Generation.recordId(png);

            assertEquals(recordId, maisonOnly.call("history.get", Map.of("id", recordId)).path("id").asText());
            assertTrue(maisonOnly.call("history.search", Map.of("text", "essai")).toString().contains(recordId));
            assertNotFound(() -> secretOnly.call("history.get", Map.of("id", recordId)));
            assertFalse(secretOnly.call("history.search", Map.of("text", "essai")).toString().contains(recordId),
                    "another house's token must not list this house's unbranded experiments");
            assertTrue(admin.call("history.search", Map.of("text", "essai")).toString().contains(recordId));
        }
    }

    @Test
    void an_unbranded_image_is_invisible_to_another_token_for_fetch_redraw_dataset_and_preview() throws Exception {
        try (AtelierClient secretOnly = bridge.scoped("secret");
             AtelierSocket socket = maisonOnly.openSocket(NotificationListener.NONE)) {
            ImageRef mine = Generation.run(socket, branded(null, "veste brouillon")).get(0);
            Map<String, Object> asInit = Map.of("prompt", "robe", "initImage", Map.of("id", mine.id()), "seed", 1);

            assertNotFound(() -> secretOnly.fetchImage(mine));
            assertNotFound(() -> secretOnly.call("images.generate", asInit));
            assertNotFound(() -> secretOnly.call("datasets.add", Map.of("brand", "secret",
                    "image", Map.of("id", mine.id()), "caption", "copied")));
            assertNotFound(() -> secretOnly.call("preview.render", Map.of("scene", "garment",
                    "images", java.util.List.of(Map.of("id", mine.id())))));

            // Its maker and the admin still see it; the maker may redraw over it.
            assertTrue(maisonOnly.fetchImage(mine).length > 0);
            assertTrue(admin.fetchImage(mine).length > 0);
            assertTrue(maisonOnly.call("images.generate", asInit).has("jobId"));

            // The same request from another token makes that token's own image, visible to it.
            try (AtelierSocket other = secretOnly.openSocket(NotificationListener.NONE)) {
                ImageRef theirs = Generation.run(other, branded(null, "veste brouillon")).get(0);
                assertFalse(mine.id().equals(theirs.id()));
                assertTrue(secretOnly.fetchImage(theirs).length > 0);
                assertNotFound(() -> maisonOnly.fetchImage(theirs));
            }
        }
    }

    @Test
    void a_brand_whose_policy_keeps_prompts_private_gets_pngs_without_the_parameters_chunk() throws Exception {
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            String secret = Generation.chunksText(admin.fetchImage(Generation.run(socket,
                    branded("secret", "red dress")).get(0)));
            String open = Generation.chunksText(maisonOnly.fetchImage(Generation.run(socket,
                    branded("maison", "red dress")).get(0)));
            assertFalse(secret.contains("parameters"), "policy embedPrompt=false");
            assertTrue(secret.contains("atelier:recordId"), "provenance is still there");
            assertTrue(open.contains("parameters"), "a brand created without a policy allows it");
        }
    }

    @Test
    void an_upscale_stays_in_the_source_brand_and_another_house_can_neither_upscale_nor_detail_it() {
        ImageRef source;
        ImageRef upscaled;
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            source = Generation.run(socket, branded("secret", "red handbag")).get(0);
            String jobId = socket.service(ImagesService.class)
                    .upscale(new ImagesUpscaleParams(ImageInput.ofId(source.id()), 2)).jobId();
            upscaled = socket.awaitFinished(jobId, Generation.WAIT).results().get(0);
        }
        assertNotFound(() -> maisonOnly.fetchImage(upscaled));
        AtelierRpcException byId = assertThrows(AtelierRpcException.class, () -> maisonOnly
                .service(ImagesService.class).upscale(new ImagesUpscaleParams(ImageInput.ofId(source.id()), 2)));
        assertEquals(-32004, byId.code());
        assertEquals("image.id", byId.field());
        // The pixels handed over directly are the caller's to enlarge, but the record (the prompt) stays secret.
        String pixels = java.util.Base64.getEncoder().encodeToString(admin.fetchImage(source));
        AtelierRpcException detail = assertThrows(AtelierRpcException.class, () -> maisonOnly
                .service(ImagesService.class).upscale(new ImagesUpscaleParams(ImageInput.ofBase64(pixels), 2, null,
                        null, 0.3)));
        assertEquals("detail", detail.field());
    }

    private static ImagesGenerateParams branded(String brand, String prompt) {
        return new ImagesGenerateParams(prompt, null, null, brand, null, null, null, null, null, null, null, null,
                4L, null, null, null, null, null);
    }

    private static void assertNotFound(Runnable call) {
        AtelierRpcException e = assertThrows(AtelierRpcException.class, call::run);
        assertEquals(-32004, e.code(), e.reason());
    }
}
