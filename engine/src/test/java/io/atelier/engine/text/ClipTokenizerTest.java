package io.atelier.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.text.ClipReferencePrompts.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipTokenizerTest {
    private final ClipTokenizer tokenizer = ClipTokenizer.standard();

    @Test
    void every_reference_prompt_encodes_to_the_reference_ids() throws Exception {
        List<Reference> references = ClipReferencePrompts.load();
        assertEquals(20, references.size(), "reference prompts");
        for (Reference reference : references) {
            assertEquals(reference.tokens(), tokenizer.encode(reference.prompt()), reference.prompt());
        }
    }

    @Test
    void context_ids_are_the_reference_ids_cut_to_77_and_padded_with_end_of_text() throws Exception {
        for (Reference reference : ClipReferencePrompts.load()) {
            assertArrayEquals(framed(reference.ids()), tokenizer.contextIds(reference.prompt()), reference.prompt());
        }
    }

    @Test
    void a_prompt_past_75_tokens_is_cut_and_keeps_the_end_of_text_token_last() throws Exception {
        // The longest reference prompt has 58 tokens (its README says "longer than 77", which it is not), so it is
        // written twice: separated by a space, its words and so its tokens simply repeat.
        Reference longest = ClipReferencePrompts.load().stream()
                .max(Comparator.comparingInt(reference -> reference.ids().size())).orElseThrow();
        List<Integer> twice = new ArrayList<>(longest.tokens());
        twice.addAll(longest.tokens());
        assertTrue(twice.size() > 75, "tokens in the doubled prompt: " + twice.size());
        String prompt = longest.prompt() + " " + longest.prompt();
        assertEquals(twice, tokenizer.encode(prompt));

        long[] ids = tokenizer.contextIds(prompt);
        assertEquals(77, ids.length);
        assertEquals(ClipTokenizer.START_OF_TEXT, ids[0]);
        for (int i = 0; i < 75; i++) assertEquals(twice.get(i).longValue(), ids[1 + i], "position " + (1 + i));
        assertEquals(ClipTokenizer.END_OF_TEXT, ids[76]);
    }

    @Test
    void a_short_prompt_is_padded_with_end_of_text() {
        long[] ids = tokenizer.contextIds("a red dress");
        assertEquals(77, ids.length);
        assertArrayEquals(new long[] {49406, 320, 736, 2595, 49407}, Arrays.copyOf(ids, 5));
        for (int i = 5; i < 77; i++) assertEquals(ClipTokenizer.END_OF_TEXT, ids[i], "padding at " + i);
    }

    @Test
    void an_empty_prompt_is_start_then_end_of_text() {
        assertEquals(List.of(), tokenizer.encode(""));
        long[] ids = tokenizer.contextIds("   ");
        assertEquals(ClipTokenizer.START_OF_TEXT, ids[0]);
        for (int i = 1; i < 77; i++) assertEquals(ClipTokenizer.END_OF_TEXT, ids[i]);
    }

    @Test
    void case_and_runs_of_whitespace_do_not_change_the_tokens() {
        assertEquals(tokenizer.encode("a red dress"), tokenizer.encode("  A\tRED \n\u00a0 Dress  "));
    }

    @Test
    void special_tokens_typed_in_a_prompt_keep_their_ids_as_in_the_reference() {
        assertEquals(List.of(320, ClipTokenizer.END_OF_TEXT, 2595), tokenizer.encode("a <|endoftext|> dress"));
    }

    @Test
    void tokens_stay_the_same_after_the_word_cache_fills_and_is_cleared() {
        List<Integer> before = tokenizer.encode("oversized camel trench coat");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 25_000; i++) words.append(lettersOf(i)).append(' ');
        tokenizer.encode(words.toString());
        assertEquals(before, tokenizer.encode("oversized camel trench coat"));
    }

    /** What the text encoder gets from the reference: cut to 76 ids plus end-of-text, or padded with end-of-text. */
    private static long[] framed(List<Integer> referenceIds) {
        List<Integer> ids = new ArrayList<>(referenceIds);
        if (ids.size() > 77) {
            ids = new ArrayList<>(ids.subList(0, 76));
            ids.add(ClipTokenizer.END_OF_TEXT);
        }
        while (ids.size() < 77) ids.add(ClipTokenizer.END_OF_TEXT);
        return ids.stream().mapToLong(Integer::longValue).toArray();
    }

    private static String lettersOf(int n) {
        StringBuilder letters = new StringBuilder("q");
        do {
            letters.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return letters.toString();
    }
}
