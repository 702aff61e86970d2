package io.atelier.taxonomy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words and folds each to its matching key: lower case, accents removed. Apostrophes and hyphens
 * separate words, so "l'écharpe" gives "l" + "echarpe" (elision handled as a stop word) and "t-shirt" gives "t" +
 * "shirt", exactly as taxonomy terms are folded. A brand's own words are matched by the same rules (brands' taxonomy).
 */
public final class TermNormalizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** A word of the text: as written, folded, and where it lies in the text ({@code end} exclusive). */
    public record Word(String surface, String key, int start, int end) {
    }

    private TermNormalizer() {
    }

    public static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text == null ? "" : text);
        while (matcher.find()) {
            words.add(new Word(matcher.group(), fold(matcher.group()), matcher.start(), matcher.end()));
        }
        return words;
    }

    /** The matching key of a term: its folded words joined by single spaces. */
    public static String key(String term) {
        return String.join(" ", words(term).stream().map(Word::key).toList());
    }

    static String fold(String word) {
        String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("")
                .replace("œ", "oe").replace("æ", "ae");
    }
}
