package io.atelier.preview.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.client.AtelierClient;
import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.garment.GarmentKind;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The follower against a stand-in for the bridge (MockWebServer speaking the protocol's WebSocket and image
 * routes; bridge-server depends on this module, so the real bridge cannot run in its tests: bridge-server's
 * {@code LiveFollowerDesignTest} does that): it shows the newest finished image on opening, subscribes to a job
 * another client started, and shows that job's image when its end is pushed, once, with the design its history
 * record names.
 */
class BridgeFollowerTest {
    private static final String TOKEN = "atl_preview_follow";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<String> subscribed = new LinkedBlockingQueue<>();
    private final AtomicInteger listings = new AtomicInteger();
    private final BlockingQueue<String> historyAsked = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if ("/ws".equals(path)) {
                    return new MockResponse().withWebSocketUpgrade(new BridgeSocket());
                }
                if (path != null && path.startsWith("/images/")) {
                    boolean old = path.contains("old");
                    byte[] png = old ? png(0x112233, null) : png(0xAA3344, "hist-00000000000000aa");
                    return new MockResponse().setBody(new Buffer().write(png)).setHeader("Content-Type", "image/png");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void follower_shows_the_latest_image_then_each_new_one_once() throws Exception {
        BlockingQueue<GeneratedImage> shown = new LinkedBlockingQueue<>();
        try (AtelierClient client = AtelierClient.create(server.url("/").toString(), TOKEN);
             BridgeFollower follower = new BridgeFollower(client, shown::add, Duration.ofMillis(200))) {
            follower.start();
            GeneratedImage first = shown.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the newest finished image is shown on opening");
            assertEquals(0x112233, first.image().getRGB(0, 0) & 0xFFFFFF);
            assertEquals(GarmentDesign.UNKNOWN, first.design(), "an image without a record has no design");

            assertEquals("job_krita", subscribed.poll(10, TimeUnit.SECONDS), "subscribes to a job it did not start");
            GeneratedImage pushed = shown.poll(10, TimeUnit.SECONDS);
            assertNotNull(pushed, "the pushed job's image is shown");
            assertEquals(0xAA3344, pushed.image().getRGB(0, 0) & 0xFFFFFF);
            assertEquals(new GarmentDesign(GarmentKind.SKIRT, Fabric.LEATHER), pushed.design(),
                    "the record's prompt 'jupe en cuir' as the bridge resolves it");
            assertEquals("hist-00000000000000aa", historyAsked.poll(1, TimeUnit.SECONDS));

            // later polls list the same jobs as finished: nothing is shown twice
            int seen = listings.get();
            while (listings.get() < seen + 3) {
                Thread.sleep(50);
            }
            assertNull(shown.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    /** The bridge's side of the WebSocket: session, jobs.list, jobs.subscribe, and the pushed jobs.finished. */
    private final class BridgeSocket extends WebSocketListener {
        private volatile boolean kritaDone;

        @Override
        public void onMessage(WebSocket socket, String text) {
            try {
                JsonNode request = JSON.readTree(text);
                JsonNode id = request.get("id");
                switch (request.path("method").asText()) {
                    case "session.initialize" -> reply(socket, id, JSON.readTree(
                            "{\"serverVersion\":\"0.1.0\",\"protocolVersion\":\"1.0.0\",\"capabilities\":[],\"brands\":[]}"));
                    case "jobs.list" -> {
                        listings.incrementAndGet();
                        String krita = kritaDone
                                ? job("job_krita", "succeeded", "new")
                                : "{\"jobId\":\"job_krita\",\"kind\":\"images.generate\",\"status\":\"running\","
                                        + "\"progress\":{\"step\":3,\"totalSteps\":20},\"createdAt\":\"2026-11-22T12:01:00Z\"}";
                        reply(socket, id, JSON.readTree("{\"jobs\":[" + krita + "," + job("job_old", "succeeded", "old") + "]}"));
                    }
                    case "jobs.subscribe" -> {
                        reply(socket, id, JSON.readTree("{\"jobId\":\"job_krita\",\"status\":\"running\"}"));
                        subscribed.add(request.path("params").path("jobId").asText());
                        kritaDone = true;
                        socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"jobs.finished\",\"params\":{\"jobId\":\"job_krita\","
                                + "\"status\":\"succeeded\",\"results\":[" + ref("new") + "]}}");
                    }
                    case "history.get" -> {
                        historyAsked.add(request.path("params").path("id").asText());
                        reply(socket, id, JSON.readTree("{\"id\":\"hist-00000000000000aa\",\"jobId\":\"job_krita\","
                                + "\"kind\":\"images.generate\",\"request\":{\"prompt\":\"jupe en cuir\"},"
                                + "\"resolvedPrompt\":\"skirt leather\",\"images\":[]}"));
                    }
                    case "taxonomy.resolve" -> reply(socket, id, JSON.readTree("{\"prompt\":\"skirt leather\",\"matchedTerms\":["
                            + "{\"term\":\"jupe\",\"lang\":\"fr\",\"canonical\":\"skirt\"},"
                            + "{\"term\":\"cuir\",\"lang\":\"fr\",\"canonical\":\"leather\"}],\"unknownTerms\":[]}"));
                    default -> socket.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable t, Response response) {
            // the follower went away
        }
    }

    private static void reply(WebSocket socket, JsonNode id, JsonNode result) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        answer.set("result", result);
        socket.send(answer.toString());
    }

    private static String job(String id, String status, String image) {
        return "{\"jobId\":\"" + id + "\",\"kind\":\"images.generate\",\"status\":\"" + status + "\","
                + "\"progress\":{\"step\":20,\"totalSteps\":20},\"results\":[" + ref(image) + "],\"createdAt\":\"2026-11-22T12:00:00Z\"}";
    }

    private static String ref(String image) {
        return "{\"id\":\"" + image + "\",\"width\":8,\"height\":8,\"mime\":\"image/png\",\"url\":\"/images/" + image
                + ".png\",\"sha256\":\"" + "0".repeat(64) + "\"}";
    }

    /** An 8x8 PNG, with the XMP a bridge writes when {@code recordIdOrNull} is given. */
    private static byte[] png(int rgb, String recordIdOrNull) {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            if (recordIdOrNull != null) {
                IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                entry.setAttribute("keyword", "XML:com.adobe.xmp");
                entry.setAttribute("compressionFlag", "FALSE");
                entry.setAttribute("compressionMethod", "0");
                entry.setAttribute("languageTag", "");
                entry.setAttribute("translatedKeyword", "");
                entry.setAttribute("text", "<x:xmpmeta><rdf:RDF><rdf:Description atelier:recordId=\"" + recordIdOrNull
                        + "\"/></rdf:RDF></x:xmpmeta>");
                IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
                itxt.appendChild(entry);
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                root.appendChild(itxt);
                metadata.mergeTree("javax_imageio_png_1.0", root);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(img, null, metadata), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
