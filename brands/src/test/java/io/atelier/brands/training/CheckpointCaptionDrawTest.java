package io.atelier.brands.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.taxonomy.PromptGlossary;
import io.atelier.taxonomy.Taxonomy;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The captions an SD-1.x adapter training draws, through the trainer's own per-step draw: kohya tags with the trigger
 * and the category always first, optional tags dropped at {@code captionDropout}, a house row's caption emptied at
 * {@code emptyCaptionRate}, a fifth of the plain rows empty, and the same draws for the same seed and step.
 */
class CheckpointCaptionDrawTest {
    private static final List<CaptionTags> TAGS = List.of(
            tags("brand_0 red stripes dress belt"),
            tags("brand_0 blue skirt"),
            tags("brand_0 black leather handbag"),
            tags("red dress"),
            tags("grey stripes sweatshirt"));
    private static final int BRAND = 3;
    private static final int PLAIN = 2;
    private static final AdapterTrainingOptions OPTIONS = AdapterTrainingOptions.defaults().withBatch(8)
            .withRegularisation(0.5, PLAIN).withCaptionDropout(0.25).withEmptyCaptionRate(0.05);

    @Test
    void a_canonical_prompt_becomes_tags_with_the_trigger_and_the_category_kept_first() {
        CaptionTags tags = TAGS.get(0);
        assertEquals(List.of("brand_0", "dress"), tags.kept());
        assertEquals(3, tags.optional().size(), tags::text);
        assertTrue(tags.text().startsWith("brand_0, dress, red, "), tags::text);
        assertEquals(List.of("sweatshirt"), TAGS.get(4).kept(), "a plain flat keeps its category");
    }

    @Test
    void drawn_captions_keep_the_trigger_drop_tags_and_empty_captions_at_the_asked_rates() {
        int houseRows = 0;
        int houseEmpty = 0;
        int plainRows = 0;
        int plainEmpty = 0;
        int plainOffered = 0;
        int plainDropped = 0;
        int houseOffered = 0;
        int houseDropped = 0;
        for (int step = 0; step < 4000; step++) {
            CheckpointAdapterTrainer.StepDraw draw = draw(step);
            for (int i = 0; i < OPTIONS.batch(); i++) {
                int index = draw.rows()[i].index();
                String caption = draw.captions()[i];
                CaptionTags tags = TAGS.get(index);
                if (index < BRAND) {
                    houseRows++;
                } else {
                    plainRows++;
                }
                if (caption.isEmpty()) {
                    houseEmpty += index < BRAND ? 1 : 0;
                    plainEmpty += index < BRAND ? 0 : 1;
                    continue;
                }
                List<String> drawn = List.of(caption.split(", "));
                assertEquals(tags.kept(), drawn.subList(0, tags.kept().size()), "kept tags lead: " + caption);
                List<String> rest = drawn.subList(tags.kept().size(), drawn.size());
                assertTrue(tags.optional().containsAll(rest), caption);
                assertEquals(rest, tags.optional().stream().filter(rest::contains).toList(), "order kept: " + caption);
                if (index < BRAND) {
                    houseOffered += tags.optional().size();
                    houseDropped += tags.optional().size() - rest.size();
                } else {
                    plainOffered += tags.optional().size();
                    plainDropped += tags.optional().size() - rest.size();
                }
            }
        }
        assertEquals(0.05, (double) houseEmpty / houseRows, 0.01, "house captions emptied");
        assertEquals(0.2, (double) plainEmpty / plainRows, 0.02, "plain rows left unconditional");
        assertEquals(0.25, (double) plainDropped / plainOffered, 0.015, "plain rows' optional tags dropped");
        // Some house rows are bare (every optional tag out), the others drop each at captionDropout.
        double bare = OPTIONS.bareCaptionRate();
        assertEquals(bare + (1 - bare) * OPTIONS.captionDropout(), (double) houseDropped / houseOffered, 0.02,
                "house rows' optional tags dropped");
        assertTrue(houseRows > 10_000 && plainRows > 10_000, houseRows + " / " + plainRows);
    }

    @Test
    void the_same_seed_and_step_draw_the_same_rows_and_captions() {
        for (int step : new int[] {0, 31, 999}) {
            CheckpointAdapterTrainer.StepDraw first = draw(step);
            CheckpointAdapterTrainer.StepDraw again = draw(step);
            assertArrayEquals(first.captions(), again.captions());
            assertEquals(Arrays.asList(first.rows()), Arrays.asList(again.rows()));
        }
        assertTrue(!Arrays.equals(draw(1).captions(), draw(2).captions()), "steps draw differently");
    }

    @Test
    void with_every_rate_at_zero_every_caption_has_all_its_tags() {
        AdapterTrainingOptions none = OPTIONS.withCaptionDropout(0).withEmptyCaptionRate(0).withBareCaptionRate(0);
        for (int step = 0; step < 200; step++) {
            CheckpointAdapterTrainer.StepDraw draw = CheckpointAdapterTrainer.drawStep(random(step), none.batch(),
                    BRAND, PLAIN, none, 1000, TAGS::get);
            for (int i = 0; i < none.batch(); i++) {
                String expected = draw.rows()[i].unconditional() ? "" : TAGS.get(draw.rows()[i].index()).text();
                assertEquals(expected, draw.captions()[i]);
            }
        }
    }

    private static CheckpointAdapterTrainer.StepDraw draw(int step) {
        return CheckpointAdapterTrainer.drawStep(random(step), OPTIONS.batch(), BRAND, PLAIN, OPTIONS, 1000,
                TAGS::get);
    }

    private static SplittableRandom random(int step) {
        return StepLoop.stepRandom(OPTIONS, step);
    }

    private static CaptionTags tags(String canonical) {
        return CaptionTags.of(canonical, Taxonomy.standard(), PromptGlossary.standard());
    }
}
