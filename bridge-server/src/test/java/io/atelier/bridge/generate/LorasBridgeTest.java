package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.engine.model.Sha256;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.LoraWeight;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kohya LoRAs through the real bridge on the scaled-down SD-1.5 checkpoint: {@code loras.list} shows the folder with
 * a sentence for each file that cannot be applied; {@code images.generate} applies LoRAs listed by name and tagged in
 * the prompt; history keeps each with its weight and file hash, and its request regenerates the same pixels.
 */
class LorasBridgeTest {
    private static final String MODEL = "house-sd-1.5";
    private static final Path SD = Path.of("..", "engine", "src", "test", "resources", "io", "atelier", "engine", "sd");
    private static GenerationTestBridge bridge;
    private static AtelierClient client;
    private static AtelierSocket socket;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge(home -> {
            Files.copy(GenerationTestBridge.tinyCheckpoint(),
                    Files.createDirectories(home.resolve("models")).resolve("House SD 1.5.safetensors"));
            Path loras = Files.createDirectories(home.resolve("loras"));
            Files.copy(SD.resolve("tiny-lora-a.safetensors"), loras.resolve("house-clasp.safetensors"));
            Files.copy(SD.resolve("tiny-lora-b.safetensors"), loras.resolve("house-metal.safetensors"));
            Files.copy(SD.resolve("tiny-sd15-fixtures.safetensors"), loras.resolve("not-a-lora.safetensors"));
            Files.write(loras.resolve("broken.safetensors"), new byte[] {1, 2, 3});
        });
        client = bridge.client();
        socket = bridge.socket();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void loras_list_names_every_file_and_says_which_cannot_be_applied() throws Exception {
        JsonNode loras = client.call("loras.list", Map.of()).path("loras");
        assertEquals(4, loras.size(), loras::toString);
        assertEquals("broken", loras.get(0).path("name").asText(), "sorted by name");
        assertTrue(loras.get(0).path("problem").asText().contains("'broken.safetensors' cannot be read"),
                loras.get(0)::toString);
        JsonNode clasp = loras.get(1);
        assertEquals("house-clasp", clasp.path("name").asText());
        assertEquals(Files.size(SD.resolve("tiny-lora-a.safetensors")), clasp.path("sizeBytes").asLong());
        assertFalse(clasp.has("problem"), clasp::toString);
        assertTrue(loras.get(3).path("problem").asText().contains("no kohya LoRA weights"), loras.get(3)::toString);
        assertFalse(loras.toString().contains(bridge.home().toString()), "no path leaks");
    }

    @Test
    void a_listed_and_a_tagged_lora_are_applied_recorded_with_their_hashes_and_reproduced_from_history()
            throws Exception {
        BufferedImage base = Generation.pixels(client, Generation.run(socket, request("red dress", null)).get(0));

        ImagesGenerateParams asked = request("red dress <lora:house-metal:0.5>",
                List.of(new LoraWeight("house-clasp", 1.0)));
        ImageRef ref = Generation.run(socket, asked).get(0);
        byte[] png = client.fetchImage(ref);
        BufferedImage withLoras = Generation.decode(png);
        assertFalse(Generation.samePixels(base, withLoras), "the LoRAs change the picture");

        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(png)));
        JsonNode loras = record.path("loras");
        assertEquals(2, loras.size(), record::toString);
        assertEquals("house-clasp", loras.get(0).path("name").asText(), "listed first, then tagged");
        assertEquals(1.0, loras.get(0).path("weight").asDouble());
        assertEquals(Sha256.of(SD.resolve("tiny-lora-a.safetensors")), loras.get(0).path("sha256").asText());
        assertEquals("house-metal", loras.get(1).path("name").asText());
        assertEquals(0.5, loras.get(1).path("weight").asDouble());
        assertEquals(Sha256.of(SD.resolve("tiny-lora-b.safetensors")), loras.get(1).path("sha256").asText());

        ImagesGenerateParams again = client.mapper().convertValue(record.path("request"), ImagesGenerateParams.class);
        assertEquals(List.of(new LoraWeight("house-clasp", 1.0)), again.loras());
        BufferedImage reproduced = Generation.pixels(client, Generation.run(socket, again).get(0));
        assertTrue(Generation.samePixels(withLoras, reproduced), "same record, same pixels");
    }

    @Test
    void a_generation_without_loras_records_none() {
        ImageRef ref = Generation.run(socket, request("black coat", null)).get(0);
        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(client.fetchImage(ref))));
        assertTrue(record.path("loras").isMissingNode(), record::toString);
    }

    @Test
    void an_unknown_lora_is_refused_naming_the_field_and_what_there_is() {
        AtelierRpcException e = assertThrows(AtelierRpcException.class, () -> client.call("images.generate",
                request("red dress", List.of(new LoraWeight("nope", 1.0)))));
        assertEquals(-32602, e.code());
        assertEquals("loras", e.field());
        assertTrue(e.getMessage().contains("house-clasp"), e.getMessage());
        assertTrue(client.call("models.list", Map.of()).has("models"), "the bridge is still up");
    }

    private static ImagesGenerateParams request(String prompt, List<LoraWeight> loras) {
        return new ImagesGenerateParams(prompt, null, "en", null, null, null, MODEL, 64, 64, 3, null, null, 11L, null,
                null, null, null, null, null, loras);
    }
}
