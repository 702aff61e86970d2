package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.live.BridgeFollower;
import io.atelier.preview.live.GarmentChoice;
import io.atelier.preview.live.GeneratedImage;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.service.ImagesService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live viewer's follower (jme-preview) against a real generating bridge: another client (as Krita would) generates from French and English
 * prompts; the follower reads each image's history record and the bridge's taxonomy over the protocol, and hands the
 * viewer the category and material the prompt meant, which decide the garment it sews.
 */
class LiveFollowerDesignTest {
    private static GenerationTestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void follower_hands_the_viewer_the_category_and_material_of_each_prompt() throws Exception {
        BlockingQueue<GeneratedImage> shown = new LinkedBlockingQueue<>();
        try (AtelierClient viewer = client();
             BridgeFollower follower = new BridgeFollower(viewer, shown::add, Duration.ofMillis(200));
             AtelierClient designer = client();
             AtelierSocket socket = designer.openSocket(new NotificationListener() { })) {
            follower.start();
            assertDesign(socket, shown, "jupe rose en cuir", new GarmentDesign(GarmentKind.SKIRT, Fabric.LEATHER));
            assertDesign(socket, shown, "perfecto en jean", new GarmentDesign(GarmentKind.BIKER_JACKET, Fabric.DENIM));
            assertDesign(socket, shown, "red silk dress with stripes", new GarmentDesign(GarmentKind.DRESS, Fabric.SILK));
            GeneratedImage plain = assertDesign(socket, shown, "t-shirt bleu", new GarmentDesign(GarmentKind.TSHIRT, null));

            // what the viewer then sews: the design's garment, unless --garment pinned another
            PreviewRequest template = PreviewRequest.garment(GarmentKind.DRESS, List.of(), 1);
            assertEquals(GarmentKind.TSHIRT, GarmentChoice.FOLLOW_DESIGNS.apply(template, plain.design()).garment());
            assertEquals(GarmentKind.HANDBAG,
                    new GarmentChoice(GarmentKind.HANDBAG, null).apply(template, plain.design()).garment());
        }
    }

    private static GeneratedImage assertDesign(AtelierSocket socket, BlockingQueue<GeneratedImage> shown, String prompt,
                                               GarmentDesign expected) throws InterruptedException {
        ImagesGenerateParams params = new ImagesGenerateParams(prompt, null, null, null, null, null, null, null, null,
                null, null, null, 7L, null, null, null, null, null);
        String jobId = socket.service(ImagesService.class).generate(params).jobId();
        JobsFinishedNotification finished = socket.awaitFinished(jobId, Duration.ofSeconds(90));
        assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
        GeneratedImage image = shown.poll(30, TimeUnit.SECONDS);
        assertNotNull(image, "the viewer is handed the image of '" + prompt + "'");
        assertEquals(expected, image.design(), prompt);
        return image;
    }

    private static AtelierClient client() throws java.io.IOException {
        return bridge.admin();
    }
}
