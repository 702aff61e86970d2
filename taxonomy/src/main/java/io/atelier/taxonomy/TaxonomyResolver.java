package io.atelier.taxonomy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a designer's prompt, in French or English, to the canonical prompt the model understands: case- and
 * accent-insensitive, longest term first ("sac à main" before "sac", "bleu marine" before "bleu"), elisions and stop
 * words skipped, agreement forms and synonyms recognised. Terms of both languages are accepted in any prompt (a
 * franglais prompt still works); the language, given or detected, decides how a term shared by both is reported.
 */
public final class TaxonomyResolver {

    /** Which canonical tokens a folded term means, and in which languages it is said. */
    record Meaning(List<String> tokens, Set<Language> languages) {
    }

    private final Taxonomy taxonomy;
    private final Map<String, Meaning> terms = new HashMap<>();
    private final Map<Language, Set<String>> stopWords = new EnumMap<>(Language.class);
    private final int longestTerm;

    public TaxonomyResolver(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (AttributeKind kind : AttributeKind.values()) {
            for (TaxonomyEntry entry : taxonomy.entries(kind)) {
                for (Language language : Language.values()) {
                    for (String form : entry.wording(language).allForms()) {
                        add(form, List.of(entry.token()), language);
                    }
                }
                // The canonical token itself ("polka_dots") is understood too, as English.
                add(entry.token(), List.of(entry.token()), Language.EN);
            }
        }
        for (Compound compound : taxonomy.compounds()) {
            add(compound.term(), compound.tokens(), compound.language());
        }
        for (Language language : Language.values()) {
            Set<String> words = new HashSet<>();
            taxonomy.stopWords(language).forEach(word -> words.add(TermNormalizer.key(word)));
            stopWords.put(language, words);
        }
        longestTerm = terms.keySet().stream().mapToInt(key -> key.split(" ").length).max().orElse(1);
    }

    public static TaxonomyResolver standard() {
        return new TaxonomyResolver(Taxonomy.standard());
    }

    private void add(String term, List<String> tokens, Language language) {
        String key = TermNormalizer.key(term);
        Meaning known = terms.get(key);
        if (known == null) {
            terms.put(key, new Meaning(tokens, EnumSet.of(language)));
        } else if (known.tokens().equals(tokens)) {
            known.languages().add(language);
        } else {
            throw new IllegalStateException("taxonomy term '" + term + "' means both " + known.tokens() + " and " + tokens);
        }
    }

    /** Resolves a prompt whose language is detected from its words. */
    public ResolvedPrompt resolve(String text) {
        return resolve(text, null);
    }

    /**
     * @param text     the prompt
     * @param language its language, or null to detect it (words said only in French or only in English vote; a tie
     *                 counts as English, the language of the canonical tokens)
     */
    public ResolvedPrompt resolve(String text, Language language) {
        List<TermNormalizer.Word> words = TermNormalizer.words(text);
        // Step 1: longest-match segmentation into terms, stop words and unknown words.
        List<Segment> segments = segment(words);
        Language lang = language != null ? language : detect(segments);

        // Step 2: fill the slots; the first colour, pattern, category and material win, details accumulate.
        Map<AttributeKind, String> slots = new EnumMap<>(AttributeKind.class);
        Set<String> details = new HashSet<>();
        List<MatchedTerm> matched = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.meaning() == null) {
                if (!segment.stopWord()) {
                    unknown.add(segment.surface());
                }
                continue;
            }
            Set<Language> spoken = segment.meaning().languages();
            Language reported = spoken.contains(lang) ? lang : spoken.iterator().next();
            matched.add(new MatchedTerm(segment.surface(), reported.code(), String.join(" ", segment.meaning().tokens())));
            for (String token : segment.meaning().tokens()) {
                AttributeKind kind = taxonomy.kindOf(token).orElseThrow();
                if (kind == AttributeKind.DETAIL) {
                    details.add(token);
                } else if (slots.putIfAbsent(kind, token) != null && !slots.get(kind).equals(token)) {
                    ignored.add(segment.surface());
                }
            }
        }

        // Step 3: canonical order <colour> <pattern> <category> <details…> <material?>.
        List<String> tokens = new ArrayList<>();
        addIfPresent(tokens, slots.get(AttributeKind.COLOUR));
        addIfPresent(tokens, slots.get(AttributeKind.PATTERN));
        addIfPresent(tokens, slots.get(AttributeKind.CATEGORY));
        List<String> orderedDetails = taxonomy.tokens(AttributeKind.DETAIL).stream().filter(details::contains).toList();
        tokens.addAll(orderedDetails);
        addIfPresent(tokens, slots.get(AttributeKind.MATERIAL));
        List<String> inapplicable = new ArrayList<>();
        String category = slots.get(AttributeKind.CATEGORY);
        if (category != null) {
            List<String> applicable = taxonomy.applicableDetails(category);
            orderedDetails.stream().filter(d -> !applicable.contains(d)).forEach(inapplicable::add);
        }
        return new ResolvedPrompt(String.join(" ", tokens), tokens, lang, matched, unknown, inapplicable, ignored);
    }

    /**
     * A stretch of the prompt: a term ({@code meaning} set), a stop word, or an unknown word, with where it lies in
     * the text ({@code end} exclusive; a term of several words spans the characters between them).
     */
    record Segment(String surface, Meaning meaning, boolean stopWord, Set<Language> stopIn, int start, int end) {
    }

    Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Longest-match segmentation of words that follow one another in a text (shared with {@link PromptGlossary}). */
    List<Segment> segment(List<TermNormalizer.Word> words) {
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Segment found = null;
            for (int n = Math.min(longestTerm, words.size() - i); n >= 1 && found == null; n--) {
                List<TermNormalizer.Word> span = words.subList(i, i + n);
                Meaning meaning = terms.get(String.join(" ", span.stream().map(TermNormalizer.Word::key).toList()));
                if (meaning != null) {
                    String surface = String.join(" ", span.stream().map(TermNormalizer.Word::surface).toList());
                    found = new Segment(surface, meaning, false, Set.of(), span.get(0).start(),
                            span.get(n - 1).end());
                    i += n;
                }
            }
            if (found == null) {
                TermNormalizer.Word word = words.get(i++);
                Set<Language> stopIn = EnumSet.noneOf(Language.class);
                stopWords.forEach((language, set) -> {
                    if (set.contains(word.key())) {
                        stopIn.add(language);
                    }
                });
                found = new Segment(word.surface(), null, !stopIn.isEmpty(), stopIn, word.start(), word.end());
            }
            segments.add(found);
        }
        return segments;
    }

    static Language detect(List<Segment> segments) {
        Map<Language, Integer> votes = new LinkedHashMap<>();
        for (Segment segment : segments) {
            Set<Language> languages = segment.meaning() != null ? segment.meaning().languages() : segment.stopIn();
            if (languages.size() == 1) {
                votes.merge(languages.iterator().next(), 1, Integer::sum);
            }
        }
        return votes.getOrDefault(Language.FR, 0) > votes.getOrDefault(Language.EN, 0) ? Language.FR : Language.EN;
    }

    private static void addIfPresent(List<String> tokens, String token) {
        if (token != null) {
            tokens.add(token);
        }
    }
}
