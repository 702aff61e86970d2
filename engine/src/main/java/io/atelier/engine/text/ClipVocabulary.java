package io.atelier.engine.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * OpenAI CLIP's byte-level BPE vocabulary (49,408 tokens) and its merge rule, read once from the bundled
 * {@code clip/bpe_simple_vocab_16e6.txt.gz}. Token ids follow CLIP's construction: the 256 byte symbols, the same 256
 * with {@code </w>} (end of word), the 48,894 merges in file order, then start-of-text and end-of-text.
 */
final class ClipVocabulary {
    static final int START_OF_TEXT = 49406;
    static final int END_OF_TEXT = 49407;
    static final int SIZE = 49408;

    private static final String RESOURCE = "clip/bpe_simple_vocab_16e6.txt.gz";
    /** CLIP keeps merges 1 .. 49152-256-2 of the file (line 0 is a version header) so the vocabulary is 49,408. */
    private static final int MERGE_COUNT = 49152 - 256 - 2;
    private static final String END_OF_WORD = "</w>";

    /** Byte value to the id of its symbol inside a word, and at the end of a word. */
    private final int[] byteSymbol = new int[256];
    private final int[] byteSymbolAtWordEnd = new int[256];
    /** (left id, right id) packed in a long to the merge's rank; a lower rank merges first. */
    private final Map<Long, Integer> pairRank = new HashMap<>();
    /** Merge rank to the id of the merged symbol. */
    private final int[] mergedSymbol = new int[MERGE_COUNT];

    private ClipVocabulary(List<String> merges) {
        // Step 1: the vocabulary strings in CLIP's order. Bytes are written as printable characters first (the
        // byte-to-unicode table) so that every merge is a pair of ordinary strings.
        char[] byteChar = byteToUnicode();
        List<String> vocabulary = new ArrayList<>(SIZE);
        for (int i = 0; i < 256; i++) vocabulary.add(String.valueOf(byteChar[i]));
        for (int i = 0; i < 256; i++) vocabulary.add(byteChar[i] + END_OF_WORD);
        for (String merge : merges) vocabulary.add(merge.replace(" ", ""));
        vocabulary.add("<|startoftext|>");
        vocabulary.add("<|endoftext|>");

        // Step 2: string to id. A later duplicate wins, as in the reference's dict(zip(vocab, range(...))).
        Map<String, Integer> ids = new HashMap<>(SIZE * 2);
        for (int id = 0; id < vocabulary.size(); id++) ids.put(vocabulary.get(id), id);
        int[] byteOrder = byteOrder();
        for (int i = 0; i < 256; i++) {
            byteSymbol[byteOrder[i]] = ids.get(vocabulary.get(i));
            byteSymbolAtWordEnd[byteOrder[i]] = ids.get(vocabulary.get(256 + i));
        }

        // Step 3: merge ranks over symbol ids, so that BPE works on int arrays rather than strings.
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] parts = merges.get(rank).split(" ");
            Integer left = ids.get(parts[0]);
            Integer right = ids.get(parts[1]);
            // A part that is not a symbol can never appear in a word, so its merge can never apply.
            if (left == null || right == null) continue;
            pairRank.put(pairKey(left, right), rank);
            mergedSymbol[rank] = ids.get(parts[0] + parts[1]);
        }
    }

    /** The bundled vocabulary, read and built on first use, then shared. */
    static ClipVocabulary standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ClipVocabulary STANDARD = new ClipVocabulary(readMerges());
    }

    int symbol(byte value, boolean atWordEnd) {
        return (atWordEnd ? byteSymbolAtWordEnd : byteSymbol)[value & 0xFF];
    }

    /**
     * Byte-pair encoding of one word given as symbol ids: repeatedly merges the adjacent pair of lowest rank, every
     * occurrence left to right, until no adjacent pair has a rank.
     */
    int[] merge(int[] symbols) {
        int[] word = symbols.clone();
        int length = word.length;
        while (length > 1) {
            int bestRank = Integer.MAX_VALUE;
            int first = -1;
            int second = -1;
            for (int i = 0; i + 1 < length; i++) {
                Integer rank = pairRank.get(pairKey(word[i], word[i + 1]));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    first = word[i];
                    second = word[i + 1];
                }
            }
            if (bestRank == Integer.MAX_VALUE) break;
            int merged = mergedSymbol[bestRank];
            int kept = 0;
            for (int i = 0; i < length; ) {
                if (i + 1 < length && word[i] == first && word[i + 1] == second) {
                    word[kept++] = merged;
                    i += 2;
                } else {
                    word[kept++] = word[i++];
                }
            }
            length = kept;
        }
        return Arrays.copyOf(word, length);
    }

    private static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /**
     * CLIP's byte order: the printable Latin-1 bytes first ('!'..'~', '¡'..'¬', '®'..'ÿ'), then the remaining bytes in
     * increasing order. Position i of this order is vocabulary id i.
     */
    private static int[] byteOrder() {
        int[] order = new int[256];
        boolean[] printable = new boolean[256];
        int count = 0;
        for (int b = 0; b < 256; b++) {
            if (isPrintable(b)) {
                printable[b] = true;
                order[count++] = b;
            }
        }
        for (int b = 0; b < 256; b++) if (!printable[b]) order[count++] = b;
        return order;
    }

    /** Character standing for the byte at each position of {@link #byteOrder()}: itself, or 256 + n for the rest. */
    private static char[] byteToUnicode() {
        int[] order = byteOrder();
        char[] chars = new char[256];
        int shifted = 0;
        for (int i = 0; i < 256; i++) {
            chars[i] = isPrintable(order[i]) ? (char) order[i] : (char) (256 + shifted++);
        }
        return chars;
    }

    private static boolean isPrintable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    private static List<String> readMerges() {
        try (InputStream raw = ClipVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("CLIP vocabulary resource missing: " + RESOURCE);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            reader.readLine(); // version header
            List<String> merges = new ArrayList<>(MERGE_COUNT);
            String line;
            while (merges.size() < MERGE_COUNT && (line = reader.readLine()) != null) merges.add(line);
            if (merges.size() < MERGE_COUNT) {
                throw new IllegalStateException("CLIP vocabulary resource has " + merges.size()
                        + " merges, expected " + MERGE_COUNT);
            }
            return merges;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CLIP vocabulary resource " + RESOURCE, e);
        }
    }
}
