package io.atelier.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.atelier.engine.text.ClipReferencePrompts.Reference;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptEmphasisTest {
    private static final float UP = 1.1f;
    private static final float DOWN = (float) (1 / 1.1);

    @Test
    void round_brackets_raise_square_brackets_lower_and_a_number_sets_the_weight() {
        assertEquals(List.of(piece("a ", 1), piece("red", UP), piece(" dress", 1)), PromptEmphasis.parse("a (red) dress"));
        assertEquals(List.of(piece("red", DOWN)), PromptEmphasis.parse("[red]"));
        assertEquals(List.of(piece("red", 1.3f), piece(" dress", 1)), PromptEmphasis.parse("(red: 1.3 ) dress"));
    }

    @Test
    void nesting_multiplies() {
        assertEquals(List.of(piece("red", (float) (1.1 * 1.1))), PromptEmphasis.parse("((red))"));
        assertEquals(List.of(piece("a ", UP), piece("b", (float) (2 * 1.1)), piece(" c", UP)),
                PromptEmphasis.parse("(a (b:2) c)"));
    }

    @Test
    void escaped_brackets_and_backslashes_are_literal_text() {
        assertEquals(List.of(piece("(literal) [too] \\", 1)), PromptEmphasis.parse("\\(literal\\) \\[too\\] \\\\"));
    }

    @Test
    void unbalanced_brackets_are_tolerated_as_in_a1111() {
        assertEquals(List.of(piece("a ", 1), piece("red dress", UP)), PromptEmphasis.parse("a (red dress"));
        assertEquals(List.of(piece("a ", 1), piece("red", DOWN)), PromptEmphasis.parse("a [red"));
        assertEquals(List.of(piece("a) b] c:1.2) d", 1)), PromptEmphasis.parse("a) b] c:1.2) d"));
        // A weight Python's float() rejects stays literal text (A1111 raises instead).
        assertEquals(List.of(piece("red:1.2.3)", UP)), PromptEmphasis.parse("(red:1.2.3)"));
    }

    @Test
    void plain_text_and_empty_prompts_are_one_piece_of_weight_one() {
        assertEquals(List.of(piece("time: 3pm, BREAK {x}", 1)), PromptEmphasis.parse("time: 3pm, BREAK {x}"));
        assertEquals(List.of(piece("", 1)), PromptEmphasis.parse(""));
    }

    @Test
    void every_reference_prompt_without_brackets_tokenizes_to_its_context_ids_with_weights_one() throws Exception {
        ClipTokenizer tokenizer = ClipTokenizer.standard();
        int checked = 0;
        for (Reference reference : ClipReferencePrompts.load()) {
            if (reference.prompt().matches(".*[()\\[\\]\\\\].*")) continue;
            TokenizedPrompt tokenized = tokenizer.tokenize(reference.prompt(), 77);
            assertArrayEquals(tokenizer.contextIds(reference.prompt()), tokenized.ids(), reference.prompt());
            float[] ones = new float[77];
            Arrays.fill(ones, 1f);
            assertArrayEquals(ones, tokenized.weights(), reference.prompt());
            checked++;
        }
        assertEquals(19, checked, "reference prompts without brackets");
    }

    @Test
    void emphasised_pieces_are_tokenized_separately_and_carry_their_weights() {
        TokenizedPrompt tokenized = ClipTokenizer.standard()
                .tokenize("shoes!!! heels??? (red) [sole] {strap} <lace>", 77);
        // The reference ids of the whole prompt, less the tokens of the four brackets.
        long[] tokens = {4079, 995, 10909, 3824, 736, 8576, 346, 13946, 348, 283, 5421, 285};
        float[] weights = {1, 1, 1, 1, UP, DOWN, 1, 1, 1, 1, 1, 1};
        assertEquals(ClipTokenizer.START_OF_TEXT, tokenized.ids()[0]);
        assertArrayEquals(tokens, Arrays.copyOfRange(tokenized.ids(), 1, 13));
        assertArrayEquals(weights, Arrays.copyOfRange(tokenized.weights(), 1, 13));
        assertEquals(ClipTokenizer.END_OF_TEXT, tokenized.ids()[13]);
    }

    @Test
    void a_long_emphasised_prompt_is_cut_to_the_context_length_keeping_end_of_text_at_weight_one() {
        TokenizedPrompt tokenized = ClipTokenizer.standard().tokenize("(" + "red dress ".repeat(50), 20);
        assertEquals(20, tokenized.ids().length);
        assertEquals(ClipTokenizer.START_OF_TEXT, tokenized.ids()[0]);
        assertEquals(ClipTokenizer.END_OF_TEXT, tokenized.ids()[19]);
        assertEquals(1f, tokenized.weights()[0]);
        assertEquals(1f, tokenized.weights()[19]);
        for (int i = 1; i < 19; i++) assertEquals(UP, tokenized.weights()[i], "weight at " + i);
        assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.standard().tokenize("red", 1));
    }

    @Test
    void apply_weights_token_vectors_then_restores_the_mean() {
        // Two tokens of two values between untouched neighbours. Mean 10/4 = 2.5; weighted (1, 2, 6, 8) sum 17, so
        // every value is scaled by 10/17 to bring the mean back to 2.5.
        float[] hidden = {99, 1, 2, 3, 4, -7};
        PromptEmphasis.apply(hidden, 1, new float[] {1, 2}, 2);
        assertArrayEquals(new float[] {99, 10f / 17, 20f / 17, 60f / 17, 80f / 17, -7}, hidden, 1e-6f);
    }

    @Test
    void apply_with_all_weights_one_changes_nothing() {
        float[] hidden = {0.1f, -0.3f, 0.7f, 1e-8f};
        PromptEmphasis.apply(hidden, 0, new float[] {1, 1}, 2);
        assertArrayEquals(new float[] {0.1f, -0.3f, 0.7f, 1e-8f}, hidden);
        assertThrows(IllegalArgumentException.class, () -> PromptEmphasis.apply(hidden, 1, new float[] {1, 2}, 2));
    }

    private static WeightedText piece(String text, float weight) {
        return new WeightedText(text, weight);
    }
}
