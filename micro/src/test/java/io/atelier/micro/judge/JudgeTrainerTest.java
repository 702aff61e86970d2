package io.atelier.micro.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeTrainerTest {

    private static final Path INIT = Path.of("../tools/micro/judge_init.pt");

    private static JudgeTrainerOptions options(Path dir, int steps) {
        return JudgeTrainerOptions.parse("--init", INIT.toString(), "--out", dir.resolve("out").toString(),
                "--checkpoints", dir.resolve("ckpt").toString(), "--steps", String.valueOf(steps), "--batch", "4",
                "--held-out", "8", "--checkpoint-every", "2");
    }

    @Test
    void training_from_java_updates_the_weights_and_resumes_from_its_checkpoint(@TempDir Path dir) throws Exception {
        assertTrue(Files.exists(INIT), "run tools/micro/author_judge.py first");
        new JudgeTrainer(options(dir, 2)).run();
        JsonNode state = new ObjectMapper().readTree(dir.resolve("ckpt/state.json").toFile());
        assertEquals(2, state.get("step").asInt());

        // A second run with more steps picks up at step 2 rather than starting over.
        new JudgeTrainer(options(dir, 4)).run();
        JsonNode card = new ObjectMapper().readTree(dir.resolve("out/judge.json").toFile());
        assertEquals(2, card.at("/training/resumedAtStep").asInt());
        JsonNode resumed = new ObjectMapper().readTree(dir.resolve("ckpt/state.json").toFile());
        assertEquals(4, resumed.get("step").asInt());
        // Training time adds up across resumes, so the card's seconds are the whole run's.
        assertTrue(resumed.get("seconds").asDouble() > state.get("seconds").asDouble(), resumed.toString());
        assertTrue(card.at("/heldOut/samples").asInt() == 8);

        // The written judge loads and reads differently from the untrained one: the weights did move.
        Path untrained = dir.resolve("untrained");
        Files.createDirectories(untrained);
        Files.copy(INIT, untrained.resolve(Judge.MODEL_FILE));
        Files.copy(dir.resolve("out/judge.json"), untrained.resolve(Judge.CARD_FILE));
        var image = FlatsGenerator.draw(new FlatSpec("dress", "red", "stripes", List.of(), null, 5), 64);
        try (Judge trained = Judge.load(dir.resolve("out")); Judge before = Judge.load(untrained)) {
            assertNotEquals(trained.score(image).confidences(), before.score(image).confidences());
        }
    }

    @Test
    void fine_tuning_a_trained_judge_records_that_judge_on_its_card(@TempDir Path dir) throws Exception {
        new JudgeTrainer(options(dir, 2)).run();
        JsonNode first = new ObjectMapper().readTree(dir.resolve("out/judge.json").toFile());
        assertEquals("untrained", first.at("/training/init/weights").asText(), first.toString());

        // Fine-tune the judge just written: its own card sits beside its judge.pt and is carried into the new one.
        new JudgeTrainer(JudgeTrainerOptions.parse("--init", dir.resolve("out/judge.pt").toString(),
                "--out", dir.resolve("tuned").toString(), "--checkpoints", dir.resolve("tuned-ckpt").toString(),
                "--steps", "1", "--batch", "4", "--held-out", "8", "--lr", "0.0005")).run();
        JsonNode card = new ObjectMapper().readTree(dir.resolve("tuned/judge.json").toFile());
        assertTrue(card.at("/training/init/weights").asText().startsWith("trained"), card.toString());
        assertEquals(1, card.at("/training/steps").asInt());
        assertEquals(2, card.at("/training/init/training/steps").asInt(), card.toString());
        assertEquals(8, card.at("/training/init/heldOut/samples").asInt(), card.toString());
    }

    @Test
    void training_seeds_never_reach_the_held_out_range() {
        assertTrue(JudgeTrainer.trainingSeed(255, 0xFFFFFFFFL) < JudgeAccuracy.HELD_OUT_SEED_BASE);
        assertNotEquals(JudgeTrainer.trainingSeed(1, 7), JudgeTrainer.trainingSeed(2, 7));
    }
}
