package io.atelier.taxonomy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The taxonomy as a glossary, for models whose text encoder reads natural English (CLIP, in Stable Diffusion
 * checkpoints) rather than atelier-micro's canonical tokens: the French fashion terms the taxonomy knows become English
 * in place, in English word order ("robe rouge à rayures" → "red striped dress"), and everything else passes through
 * as written: English words, words the taxonomy does not know, punctuation, numbers, A1111 emphasis
 * ({@code (robe rouge:1.3)} → {@code (red dress:1.3)}) and {@code <lora:name:0.8>} tags. A text in English comes back
 * byte for byte.
 *
 * <p>Terms are found with the resolver's own tables and segmentation (longest first, case- and accent-insensitive).
 * Words count as one phrase only when nothing but spaces, an apostrophe or a hyphen lies between them, so a comma or
 * a parenthesis is never crossed. In a phrase holding a French term, modifiers that follow a garment (colour,
 * pattern, material, a detail said as an adjective, a house word) move before it, colour first, as English has them;
 * stop words that serve the phrase are glossed ({@code avec ceinture} → {@code with belt}), other French words stay as
 * written. In a text that reads as English, nothing is translated: "rose", "coins" and "marine" are English words too.
 */
public final class PromptGlossary {

    private static final Pattern TAG = Pattern.compile("<[^<>]*>");
    /** What may lie between two words of one phrase: spaces, an elision's apostrophe, a hyphen. */
    private static final Pattern SOFT_GAP = Pattern.compile("[\\s'’\\-]*");
    private static final Pattern PARTICIPLE = Pattern.compile("(?i).*(é|ée|és|ées)$");

    /**
     * A stretch of the text replaced as a whole, e.g. a brand's house word and what the brand says it means.
     *
     * @param start first character, in the text
     * @param end   end, exclusive
     * @param text  the words that replace it
     * @param means the canonical tokens it means (a trigger token allowed): one naming a garment is placed as one
     */
    public record Replacement(int start, int end, String text, List<String> means) {

        public Replacement {
            means = List.copyOf(means);
        }
    }

    /** A term, stop word or unknown word of the text ({@code segment}), or a replacement ({@code replacement}). */
    private record Item(int start, int end, String written, TaxonomyResolver.Segment segment, Replacement replacement) {
        boolean house() {
            return replacement != null;
        }

        boolean term() {
            return segment != null && segment.meaning() != null;
        }

        boolean stopWord() {
            return segment != null && segment.stopWord();
        }

        boolean unknown() {
            return segment != null && segment.meaning() == null && !segment.stopWord();
        }
    }

    private final TaxonomyResolver resolver;
    private final Taxonomy taxonomy;
    private final Map<String, String> glosses;

    public PromptGlossary(TaxonomyResolver resolver) {
        this.resolver = resolver;
        this.taxonomy = resolver.taxonomy();
        this.glosses = taxonomy.stopWordGlosses(Language.FR);
    }

    public static PromptGlossary standard() {
        return new PromptGlossary(TaxonomyResolver.standard());
    }

    /** As {@link #translate(String, Language, List)} with nothing replaced. */
    public String translate(String text, Language languageOrNull) {
        return translate(text, languageOrNull, List.of());
    }

    /**
     * @param text           the designer's prompt
     * @param languageOrNull its language, or null to detect it as the resolver does (tags and replacements do not vote)
     * @param replacements   stretches replaced as a whole, not overlapping; in a French phrase they move like modifiers
     * @return the prompt for a CLIP text encoder
     */
    public String translate(String text, Language languageOrNull, List<Replacement> replacements) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Step 1: the text as chunks of items that nothing but soft gaps separate; tags are left out entirely.
        List<List<Item>> chunks = chunks(text, replacements);
        Language language = languageOrNull != null ? languageOrNull : TaxonomyResolver.detect(chunks.stream()
                .flatMap(List::stream).filter(item -> item.segment() != null).map(Item::segment).toList());

        // Step 2: what changes: every replacement, and in a French text every phrase holding a French term.
        List<Replacement> edits = new ArrayList<>();
        for (List<Item> chunk : chunks) {
            for (List<Item> phrase : phrases(chunk)) {
                if (language == Language.FR && french(phrase)) {
                    edits.add(new Replacement(phrase.get(0).start(), phrase.get(phrase.size() - 1).end(),
                            sayPhrase(phrase), List.of()));
                } else {
                    phrase.stream().filter(Item::house)
                            .forEach(item -> edits.add(item.replacement()));
                }
            }
        }
        if (edits.isEmpty()) {
            return text;
        }

        // Step 3: the edits applied in text order; everything between them is copied as written.
        edits.sort(Comparator.comparingInt(Replacement::start));
        StringBuilder out = new StringBuilder(text.length() + 16);
        int at = 0;
        for (Replacement edit : edits) {
            out.append(text, at, edit.start()).append(edit.text());
            at = edit.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * Canonical tokens said in English ("handbag strap" → "handbag with shoulder strap"), e.g. for a house word;
     * empty when one of them is not a taxonomy token (a brand's trigger token means nothing in English).
     */
    public Optional<String> english(List<String> tokens) {
        if (tokens.isEmpty() || !tokens.stream().allMatch(token -> taxonomy.entry(token).isPresent())) {
            return Optional.empty();
        }
        return Optional.of(sayTokens(tokens));
    }

    private String sayTokens(List<String> tokens) {
        for (Compound compound : taxonomy.compounds()) {
            if (compound.language() == Language.EN && compound.tokens().equals(tokens)) {
                return compound.term();
            }
        }
        List<String> before = new ArrayList<>();
        List<String> nouns = new ArrayList<>();
        List<String> with = new ArrayList<>();
        for (AttributeKind kind : List.of(AttributeKind.COLOUR, AttributeKind.PATTERN, AttributeKind.DETAIL,
                AttributeKind.MATERIAL, AttributeKind.CATEGORY)) {
            for (String token : tokens) {
                TaxonomyEntry entry = taxonomy.require(token);
                if (taxonomy.kindOf(token).orElseThrow() != kind) {
                    continue;
                }
                switch (kind) {
                    case CATEGORY -> nouns.add(noun(entry, false));
                    case DETAIL -> (entry.placedDirectly() ? before : with).add(entry.placedDirectly()
                            ? entry.en().caption() : bare(entry.en().caption()));
                    case MATERIAL -> before.add(bare(entry.en().caption()));
                    default -> before.add(entry.en().sg());
                }
            }
        }
        List<String> words = new ArrayList<>(before);
        words.addAll(nouns);
        if (!with.isEmpty()) {
            if (!nouns.isEmpty()) {
                words.add("with");
            }
            words.add(String.join(" and ", with));
        }
        return String.join(" ", words);
    }

    // ---- Step 1: chunks and phrases ----

    private List<List<Item>> chunks(String text, List<Replacement> replacements) {
        List<int[]> tags = new ArrayList<>();
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            tags.add(new int[] {tag.start(), tag.end()});
        }
        List<Replacement> fixed = new ArrayList<>(replacements);
        fixed.sort(Comparator.comparingInt(Replacement::start));
        // Words and replacements in text order; a word inside a tag or a replacement is not a word of the prompt.
        List<Object> elements = new ArrayList<>();
        int next = 0;
        for (TermNormalizer.Word word : TermNormalizer.words(text)) {
            while (next < fixed.size() && fixed.get(next).start() <= word.start()) {
                elements.add(fixed.get(next++));
            }
            if (!inside(word.start(), tags) && fixed.stream().noneMatch(r -> r.start() <= word.start()
                    && word.start() < r.end())) {
                elements.add(word);
            }
        }
        while (next < fixed.size()) {
            elements.add(fixed.get(next++));
        }

        List<List<Item>> chunks = new ArrayList<>();
        List<Item> chunk = new ArrayList<>();
        List<TermNormalizer.Word> words = new ArrayList<>();
        int lastEnd = -1;
        for (Object element : elements) {
            int start = element instanceof Replacement r ? r.start() : ((TermNormalizer.Word) element).start();
            if (lastEnd >= 0 && !SOFT_GAP.matcher(text.substring(lastEnd, start)).matches()) {
                flush(text, words, chunk);
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
            if (element instanceof Replacement r) {
                flush(text, words, chunk);
                chunk.add(new Item(r.start(), r.end(), text.substring(r.start(), r.end()), null, r));
                lastEnd = r.end();
            } else {
                TermNormalizer.Word word = (TermNormalizer.Word) element;
                words.add(word);
                lastEnd = word.end();
            }
        }
        flush(text, words, chunk);
        chunks.add(chunk);
        return chunks;
    }

    private static boolean inside(int position, List<int[]> spans) {
        return spans.stream().anyMatch(span -> span[0] <= position && position < span[1]);
    }

    /** Segments the pending words (longest match, the resolver's tables) into items of the chunk. */
    private void flush(String text, List<TermNormalizer.Word> words, List<Item> chunk) {
        for (TaxonomyResolver.Segment segment : resolver.segment(words)) {
            chunk.add(new Item(segment.start(), segment.end(), text.substring(segment.start(), segment.end()),
                    segment, null));
        }
        words.clear();
    }

    /** Runs of terms, stop words and replacements (an unknown word ends one), trailing stop words left out. */
    private static List<List<Item>> phrases(List<Item> chunk) {
        List<List<Item>> phrases = new ArrayList<>();
        List<Item> phrase = new ArrayList<>();
        for (Item item : chunk) {
            if (item.unknown()) {
                addTrimmed(phrases, phrase);
                phrase = new ArrayList<>();
            } else {
                phrase.add(item);
            }
        }
        addTrimmed(phrases, phrase);
        return phrases;
    }

    private static void addTrimmed(List<List<Item>> phrases, List<Item> phrase) {
        int end = phrase.size();
        while (end > 0 && phrase.get(end - 1).stopWord()) {
            end--;
        }
        if (end > 0) {
            phrases.add(phrase.subList(0, end));
        }
    }

    /** A phrase to say in English: it holds a term said only in French, a house word, or a French stop word. */
    private static boolean french(List<Item> phrase) {
        for (Item item : phrase) {
            if (item.house() || item.term() && !item.segment().meaning().languages().contains(Language.EN)) {
                return true;
            }
        }
        return phrase.stream().anyMatch(Item::term) && phrase.stream().anyMatch(item -> item.stopWord()
                && !item.segment().stopIn().contains(Language.EN));
    }

    // ---- Step 2: one French phrase in English ----

    private String sayPhrase(List<Item> phrase) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < phrase.size()) {
            Item item = phrase.get(i);
            if (!garment(item)) {
                addWord(words, say(item, false));
                i++;
                continue;
            }
            // The modifiers after a garment move before it; with "et"/"ou" between them, in the order written.
            List<Item> modifiers = new ArrayList<>();
            boolean conjunction = false;
            int j = i + 1;
            while (j < phrase.size()) {
                Item next = phrase.get(j);
                Item after = j + 1 < phrase.size() ? phrase.get(j + 1) : null;
                boolean joins = after != null && next.stopWord();
                if (modifier(next)) {
                    modifiers.add(next);
                } else if (joins && modifier(after) && List.of("et", "ou").contains(lower(next))) {
                    modifiers.add(next);
                    conjunction = true;
                } else if (!(joins && material(after) && List.of("de", "d", "du", "en").contains(lower(next)))) {
                    break; // (the preposition of "sac de cuir" goes with its material: "leather handbag")
                }
                j++;
            }
            if (!conjunction) {
                modifiers.sort(Comparator.comparingInt(this::rank));
            }
            modifiers.forEach(modifier -> addWord(words, say(modifier, true)));
            addWord(words, say(item, false));
            i = j;
        }
        // "a" before a vowel is "an" ("une robe orange" → "an orange dress").
        for (int k = 0; k + 1 < words.size(); k++) {
            if (words.get(k).equals("a") && "aeiouAEIOU".indexOf(words.get(k + 1).charAt(0)) >= 0) {
                words.set(k, "an");
            }
        }
        return String.join(" ", words);
    }

    private static void addWord(List<String> words, String word) {
        if (!word.isEmpty()) {
            words.add(word);
        }
    }

    private boolean garment(Item item) {
        List<String> tokens = item.house() ? item.replacement().means()
                : item.term() ? item.segment().meaning().tokens() : List.of();
        return tokens.stream().anyMatch(token -> taxonomy.kindOf(token).orElse(null) == AttributeKind.CATEGORY);
    }

    private boolean material(Item item) {
        return single(item) == AttributeKind.MATERIAL;
    }

    /** Said before a garment in English: a house word, a colour, a pattern, a material, a detail said as adjective. */
    private boolean modifier(Item item) {
        if (item.house()) {
            return !garment(item);
        }
        AttributeKind kind = single(item);
        if (kind == AttributeKind.DETAIL) {
            return adjective(item);
        }
        return kind == AttributeKind.COLOUR || kind == AttributeKind.PATTERN || kind == AttributeKind.MATERIAL;
    }

    /** The kind of a term meaning one token; null for anything else. */
    private AttributeKind single(Item item) {
        if (!item.term() || item.segment().meaning().tokens().size() != 1) {
            return null;
        }
        return taxonomy.kindOf(item.segment().meaning().tokens().get(0)).orElseThrow();
    }

    /** English word order: colour, house word, pattern, detail, material, then the garment. */
    private int rank(Item item) {
        if (item.house()) {
            return 1;
        }
        return switch (single(item)) {
            case COLOUR -> 0;
            case PATTERN -> 2;
            case DETAIL -> 3;
            default -> 4;
        };
    }

    /** A detail said as an adjective: placed directly ("sans manches"), "à capuche", or a participle ("zippée"). */
    private boolean adjective(Item item) {
        TaxonomyEntry entry = taxonomy.require(item.segment().meaning().tokens().get(0));
        String key = TermNormalizer.key(item.segment().surface());
        return entry.placedDirectly() || key.startsWith("a ") && participle(entry) != null
                || PARTICIPLE.matcher(item.segment().surface()).matches() && participle(entry) != null;
    }

    /** The English "-ed" form of a detail ("hooded", "belted"), or null. */
    private static String participle(TaxonomyEntry entry) {
        return entry.en().allForms().stream().filter(form -> form.endsWith("ed") && !form.contains(" "))
                .findFirst().orElse(null);
    }

    // ---- the English of one item ----

    private String say(Item item, boolean beforeGarment) {
        if (item.house()) {
            return item.replacement().text();
        }
        TaxonomyResolver.Segment segment = item.segment();
        if (segment.meaning() == null) {
            String word = lower(item);
            return glosses.getOrDefault(word, item.written());
        }
        if (segment.meaning().languages().contains(Language.EN)) {
            return item.written(); // already English ("bomber", "denim", "t-shirt" as written)
        }
        List<String> tokens = segment.meaning().tokens();
        if (tokens.size() > 1) {
            return sayTokens(tokens);
        }
        TaxonomyEntry entry = taxonomy.require(tokens.get(0));
        return switch (taxonomy.kindOf(entry.token()).orElseThrow()) {
            case CATEGORY -> noun(entry, plural(entry, segment.surface()));
            case COLOUR, PATTERN -> entry.en().sg();
            case MATERIAL -> bare(entry.en().caption());
            case DETAIL -> detail(entry, item, beforeGarment);
        };
    }

    private String detail(TaxonomyEntry entry, Item item, boolean beforeGarment) {
        if (entry.placedDirectly()) {
            // "à manches longues" / a modifier: "long-sleeved"; "avec manches longues": "with long sleeves".
            boolean adjectival = beforeGarment || TermNormalizer.key(item.segment().surface()).startsWith("a ");
            return adjectival || entry.en().synonyms().isEmpty() ? entry.en().caption() : entry.en().synonyms().get(0);
        }
        if (adjective(item)) {
            return participle(entry);
        }
        return bare(entry.en().caption());
    }

    /** A garment's English noun; "pair of trousers" is only a caption's form, a prompt says "trousers". */
    private static String noun(TaxonomyEntry entry, boolean plural) {
        Wording en = entry.en();
        return plural || en.sg().startsWith("pair of ") ? en.pl() : en.sg();
    }

    private static boolean plural(TaxonomyEntry entry, String surface) {
        String key = TermNormalizer.key(surface);
        if (key.equals(TermNormalizer.key(entry.fr().pl()))) {
            return true;
        }
        return !key.equals(TermNormalizer.key(entry.fr().sg()))
                && List.of(key.split(" ")).stream().anyMatch(word -> word.endsWith("s") || word.endsWith("x"));
    }

    /** A caption without its article or preposition: "a shoulder strap" → "shoulder strap", "in silk" → "silk". */
    private static String bare(String caption) {
        return caption.replaceFirst("^(a|an|in) ", "");
    }

    private static String lower(Item item) {
        return item.written().toLowerCase(Locale.ROOT);
    }
}
