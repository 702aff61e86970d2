package io.atelier.brands.taxonomy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words with their offsets and folds each to a matching key, exactly as the micro taxonomy folds
 * its own terms (lower case, accents removed, apostrophes and hyphens separate words), so that house terms and base
 * terms are matched by the same rules. Kept here because micro's normaliser is package-private.
 */
final class HouseWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** A word of the text: as written, folded, and where it lies ({@code end} exclusive). */
    record Word(String surface, String key, int start, int end) {
    }

    private HouseWords() {
    }

    static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text == null ? "" : text);
        while (matcher.find()) {
            words.add(new Word(matcher.group(), fold(matcher.group()), matcher.start(), matcher.end()));
        }
        return words;
    }

    /** The matching key of a term: its folded words joined by single spaces. */
    static String key(String term) {
        return String.join(" ", words(term).stream().map(Word::key).toList());
    }

    private static String fold(String word) {
        String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").replace("œ", "oe").replace("æ", "ae");
    }
}
