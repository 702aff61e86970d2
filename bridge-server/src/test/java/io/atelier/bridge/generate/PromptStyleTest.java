package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.protocol.ImagesGenerateParams;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each model gets prompts written the way it reads them, through the real bridge: canonical tokens for the
 * atelier-micro family (the tiny model), the glossary for any other family (here a copy of the tiny model declared
 * {@code sd1}, standing in for a Stable Diffusion checkpoint), in {@code taxonomy.resolve} and in what
 * {@code images.generate} sends and records.
 */
class PromptStyleTest {
    private static final String CLIP_MODEL = "tiny-as-sd1";
    private static final String PROMPT = "robe rouge à rayures avec ceinture, (cinematic:1.2), <lora:robe:0.8>";
    private static final String GLOSSARY = "red striped dress with belt, (cinematic:1.2), <lora:robe:0.8>";
    // Generation resolves LoRA tags against the loras folder (CheckpointLoraTest covers an unknown name); this home holds none.
    private static final String GENERATED_PROMPT = "robe rouge à rayures avec ceinture, (cinematic:1.2)";
    private static final String GENERATED_GLOSSARY = "red striped dress with belt, (cinematic:1.2)";
    private static GenerationTestBridge bridge;
    private static AtelierClient client;
    private static AtelierSocket socket;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge(home -> GenerationTestBridge.writePackageOfFamily(
                home.resolve("models").resolve(CLIP_MODEL), CLIP_MODEL, "sd1"));
        client = bridge.client();
        socket = bridge.socket();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    private static JsonNode resolve(Map<String, Object> params) {
        return client.call("taxonomy.resolve", params);
    }

    @Test
    void taxonomy_resolve_answers_canonical_tokens_for_an_atelier_micro_model_and_by_default() {
        assertEquals("red stripes dress belt", resolve(Map.of("text", PROMPT, "model", "atelier-tiny"))
                .path("prompt").asText());
        assertEquals("red stripes dress belt", resolve(Map.of("text", PROMPT)).path("prompt").asText());
    }

    @Test
    void taxonomy_resolve_answers_the_glossary_text_for_a_clip_model() {
        JsonNode result = resolve(Map.of("text", PROMPT, "model", CLIP_MODEL));
        assertEquals(GLOSSARY, result.path("prompt").asText());
        assertEquals("dress", result.path("matchedTerms").get(0).path("canonical").asText());
        String english = "oversized camel trench coat, belted, cinematic fashion photo";
        assertEquals(english, resolve(Map.of("text", english, "model", CLIP_MODEL)).path("prompt").asText());
    }

    @Test
    void taxonomy_resolve_refuses_an_unknown_model_naming_the_field() {
        AtelierRpcException e = assertThrows(AtelierRpcException.class,
                () -> resolve(Map.of("text", "robe", "model", "no-such-model")));
        assertEquals(-32004, e.code());
        assertEquals("model", e.field());
    }

    @Test
    void a_clip_model_receives_and_history_records_the_glossary_text_of_prompt_and_negative_prompt() {
        ImagesGenerateParams params = new ImagesGenerateParams(GENERATED_PROMPT, "robe noire floue", null, null, null, null,
                CLIP_MODEL, null, null, 2, null, null, 5L, 1, null, null, null, null);
        byte[] png = client.fetchImage(Generation.run(socket, params).get(0));
        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(png)));
        assertEquals(GENERATED_GLOSSARY, record.path("resolvedPrompt").asText());
        assertEquals(GENERATED_PROMPT, record.path("request").path("prompt").asText());
        assertEquals(CLIP_MODEL, record.path("model").asText());
        // The A1111 parameters chunk carries both prompts as the model received them.
        String chunks = Generation.chunksText(png);
        assertTrue(chunks.contains(GENERATED_GLOSSARY) && chunks.contains("Negative prompt: black dress floue"), chunks);
    }
}
