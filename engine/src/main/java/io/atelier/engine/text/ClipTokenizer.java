package io.atelier.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI CLIP's tokenizer, the one Stable Diffusion 1.x checkpoints were trained with: text is lowercased, its
 * whitespace collapsed, split into words, and each word byte-pair encoded into ids of the 49,408-token vocabulary.
 * Reproduces the reference tokenizer run without its ftfy text repair; unlike OpenAI's reference it does not
 * unescape HTML entities ({@code &amp;} stays five characters), rare in typed prompts.
 * Thread-safe.
 */
public final class ClipTokenizer {
    /** Id of {@code <|startoftext|>}, the first id of every context. */
    public static final int START_OF_TEXT = ClipVocabulary.START_OF_TEXT;
    /** Id of {@code <|endoftext|>}, which closes a context and also pads it (as SD-1.5's tokenizer does). */
    public static final int END_OF_TEXT = ClipVocabulary.END_OF_TEXT;
    /** Ids in the text encoder's context: start, at most 75 tokens, end, padding. */
    public static final int CONTEXT_LENGTH = 77;

    /** Python's {@code \s} (what the reference collapses) is Unicode White_Space plus the separators U+001C..U+001F. */
    private static final Pattern WHITESPACE =
            Pattern.compile("[\\s\\x1c-\\x1f]+", Pattern.UNICODE_CHARACTER_CLASS);
    /** The reference's split: special tokens, English contractions, letter runs, single digits, other-symbol runs. */
    private static final Pattern WORD = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** Words kept in the BPE cache; prompts reuse a small vocabulary, so this is rarely reached. */
    private static final int CACHE_LIMIT = 20_000;

    private final ClipVocabulary vocabulary;
    /** Word to its BPE ids. Cleared whole when full: cheaper and lock-free compared with LRU, and refilling is fast. */
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ClipTokenizer(ClipVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        seedSpecialTokens();
    }

    /** The reference maps these two words straight to their ids, also when a user types them in a prompt. */
    private void seedSpecialTokens() {
        cache.put("<|startoftext|>", new int[] {START_OF_TEXT});
        cache.put("<|endoftext|>", new int[] {END_OF_TEXT});
    }

    /** The tokenizer over the bundled CLIP vocabulary; loaded on first call, then shared (its word cache too). */
    public static ClipTokenizer standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ClipTokenizer STANDARD = new ClipTokenizer(ClipVocabulary.standard());
    }

    /** Token ids of {@code text}, without start-of-text and end-of-text, not truncated. */
    public List<Integer> encode(String text) {
        return Arrays.stream(encodeIds(text)).boxed().toList();
    }

    /**
     * The 77 ids the text encoder takes for {@code text}: start-of-text, the tokens, end-of-text, padded with
     * end-of-text. Past 75 tokens the rest is cut and the end-of-text token is kept last.
     */
    public long[] contextIds(String text) {
        int[] tokens = encodeIds(text);
        return frame(tokens, null, tokens.length, CONTEXT_LENGTH).ids();
    }

    /**
     * A prompt in A1111 emphasis syntax (see {@link PromptEmphasis#parse}) as {@code contextLength} ids and one weight
     * per id. Each differently weighted piece is tokenized on its own and the pieces concatenated, as A1111 does; the
     * start, end and padding ids weigh 1. A prompt without emphasis gives {@link #contextIds} with all weights 1.
     *
     * @throws IllegalArgumentException if {@code contextLength} is below 2 (no room for start and end)
     */
    public TokenizedPrompt tokenize(String prompt, int contextLength) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("contextLength must be at least 2, was " + contextLength);
        }
        int[] tokens = new int[64];
        float[] weights = new float[64];
        int count = 0;
        for (WeightedText piece : PromptEmphasis.parse(prompt)) {
            int[] ids = encodeIds(piece.text());
            if (count + ids.length > tokens.length) {
                int capacity = Math.max(tokens.length * 2, count + ids.length);
                tokens = Arrays.copyOf(tokens, capacity);
                weights = Arrays.copyOf(weights, capacity);
            }
            System.arraycopy(ids, 0, tokens, count, ids.length);
            Arrays.fill(weights, count, count + ids.length, piece.weight());
            count += ids.length;
        }
        return frame(tokens, weights, count, contextLength);
    }

    private int[] encodeIds(String text) {
        Objects.requireNonNull(text, "text");
        // Step 1: clean as the reference does: collapse whitespace, trim, then lowercase.
        String cleaned = WHITESPACE.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        // Step 2: split into words and byte-pair encode each one.
        int[] ids = new int[Math.max(8, cleaned.length())];
        int count = 0;
        Matcher words = WORD.matcher(cleaned);
        while (words.find()) {
            int[] wordIds = wordIds(words.group());
            if (count + wordIds.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, count + wordIds.length));
            }
            System.arraycopy(wordIds, 0, ids, count, wordIds.length);
            count += wordIds.length;
        }
        return Arrays.copyOf(ids, count);
    }

    private int[] wordIds(String word) {
        int[] cached = cache.get(word);
        if (cached != null) return cached;
        // A word's symbols are its UTF-8 bytes; the last byte carries the end-of-word mark.
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) symbols[i] = vocabulary.symbol(bytes[i], i == bytes.length - 1);
        int[] ids = vocabulary.merge(symbols);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
            seedSpecialTokens();
        }
        cache.put(word, ids);
        return ids;
    }

    /**
     * Start, the first {@code contextLength - 2} tokens at most, end, then end-of-text padding of weight 1. Null
     * {@code tokenWeights} means every token weighs 1.
     */
    private static TokenizedPrompt frame(int[] tokens, float[] tokenWeights, int count, int contextLength) {
        long[] ids = new long[contextLength];
        float[] weights = new float[contextLength];
        Arrays.fill(ids, END_OF_TEXT);
        Arrays.fill(weights, 1f);
        ids[0] = START_OF_TEXT;
        int kept = Math.min(count, contextLength - 2);
        for (int i = 0; i < kept; i++) {
            ids[1 + i] = tokens[i];
            if (tokenWeights != null) weights[1 + i] = tokenWeights[i];
        }
        return new TokenizedPrompt(ids, weights);
    }
}
