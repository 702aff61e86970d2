package io.atelier.brands.taxonomy;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.TriggerTokens;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.taxonomy.Language;
import io.atelier.taxonomy.MatchedTerm;
import io.atelier.taxonomy.PromptGlossary;
import io.atelier.taxonomy.PromptStyle;
import io.atelier.taxonomy.ResolvedPrompt;
import io.atelier.taxonomy.TaxonomyResolver;
import io.atelier.taxonomy.TermNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared French/English taxonomy plus a brand's own vocabulary: what {@code taxonomy.resolve} answers and what
 * generation uses, so that both read the designer's words the same way.
 *
 * <p>House terms are matched first, longest first, wherever they occur (a house can therefore give a base word its
 * own meaning). A house term meaning canonical tokens is handed to the base resolver as those tokens, so the base
 * slot rules (first colour wins, details accumulate, canonical order) apply to house and base words alike. A house
 * term meaning the brand's trigger token puts that token at the head of the prompt, where its adapter learnt it.
 *
 * <p>For a model that reads natural English ({@link PromptStyle#GLOSSARY}) the same reading is reported, but the
 * prompt is the designer's own text through {@link PromptGlossary}: French terms in English, house words replaced by
 * their English meaning ({@link HouseEnglish}), everything else as written.
 */
public final class BrandTaxonomyResolver {

    private final TaxonomyResolver base;
    private final PromptGlossary glossary;

    public BrandTaxonomyResolver(TaxonomyResolver base) {
        this.base = base;
        this.glossary = new PromptGlossary(base);
    }

    public static BrandTaxonomyResolver standard() {
        return new BrandTaxonomyResolver(TaxonomyResolver.standard());
    }

    /** As {@link #resolve(Brand, String, String, PromptStyle)} for atelier-micro: the canonical prompt. */
    public BrandResolution resolve(Brand brandOrNull, String text, String langOrNull) {
        return resolve(brandOrNull, text, langOrNull, PromptStyle.CANONICAL_TOKENS);
    }

    /**
     * @param brandOrNull the brand whose vocabulary applies, or null for the shared taxonomy only
     * @param text        the designer's words
     * @param langOrNull  {@code fr}, {@code en}, or null to detect
     * @param style       how the model the prompt is for reads it (see {@link PromptStyle#forFamily})
     * @throws InvalidInputException {@code lang} is neither fr nor en; {@code text} is missing
     */
    public BrandResolution resolve(Brand brandOrNull, String text, String langOrNull, PromptStyle style) {
        if (text == null) {
            throw new InvalidInputException("text", "give the words to resolve");
        }
        // Step 1: the language, detected on the designer's own words (house terms are not votes).
        Language language;
        try {
            language = langOrNull == null ? base.resolve(text).language() : Language.fromCode(langOrNull);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("lang", "a language is fr or en");
        }

        // Step 2: cut the text into house terms and the stretches of text between them.
        List<Segment> segments = segment(text, houseTerms(brandOrNull));

        // Step 3: resolve the whole text through the base, house terms replaced by their canonical tokens.
        StringBuilder rewritten = new StringBuilder();
        Set<String> triggers = new LinkedHashSet<>();
        for (Segment segment : segments) {
            if (segment.house() == null) {
                rewritten.append(segment.text());
            } else {
                for (String token : segment.house().canonical().split(" ")) {
                    if (TriggerTokens.isTriggerToken(token)) {
                        triggers.add(token);
                    } else {
                        rewritten.append(' ').append(token).append(' ');
                    }
                }
            }
        }
        ResolvedPrompt whole = base.resolve(rewritten.toString(), language);
        List<String> tokens = new ArrayList<>(triggers);
        tokens.addAll(whole.tokens());

        // Step 4: report terms in text order: house terms as written, other stretches as the base reads them.
        List<ResolvedTerm> matched = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.house() != null) {
                VocabularyTerm house = segment.house();
                matched.add(new ResolvedTerm(segment.text(), house.lang() == null ? language.code() : house.lang(),
                        house.canonical(), true));
            } else if (!segment.text().isBlank()) {
                ResolvedPrompt part = base.resolve(segment.text(), language);
                for (MatchedTerm term : part.matched()) {
                    matched.add(new ResolvedTerm(term.term(), term.lang(), term.canonical(), false));
                }
                unknown.addAll(part.unknownWords());
            }
        }
        String prompt = style == PromptStyle.GLOSSARY ? glossaryPrompt(brandOrNull, text, language, segments)
                : String.join(" ", tokens);
        return new BrandResolution(prompt, tokens, language.code(), matched, unknown);
    }

    /** Step 5 (glossary): the text through the glossary, each house term replaced by its English meaning. */
    private String glossaryPrompt(Brand brand, String text, Language language, List<Segment> segments) {
        Map<String, String> english = brand == null ? Map.of() : HouseEnglish.of(brand, glossary);
        List<PromptGlossary.Replacement> replacements = new ArrayList<>();
        int at = 0;
        for (Segment segment : segments) {
            if (segment.house() != null) {
                String meaning = english.getOrDefault(TermNormalizer.key(segment.house().term()), segment.text());
                replacements.add(new PromptGlossary.Replacement(at, at + segment.text().length(), meaning,
                        List.of(segment.house().canonical().split(" "))));
            }
            at += segment.text().length();
        }
        return glossary.translate(text, language, replacements);
    }

    /** A stretch of text: a house term ({@code house} set) or plain text between house terms. */
    private record Segment(String text, VocabularyTerm house) {
    }

    private static Map<String, VocabularyTerm> houseTerms(Brand brand) {
        Map<String, VocabularyTerm> terms = new HashMap<>();
        if (brand != null) {
            for (VocabularyTerm term : brand.vocabulary()) {
                terms.putIfAbsent(TermNormalizer.key(term.term()), term);
            }
        }
        return terms;
    }

    private static List<Segment> segment(String text, Map<String, VocabularyTerm> houseTerms) {
        List<TermNormalizer.Word> words = TermNormalizer.words(text);
        int longest = houseTerms.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(0);
        List<Segment> segments = new ArrayList<>();
        int plainFrom = 0;
        int i = 0;
        while (i < words.size()) {
            int matchedWords = 0;
            VocabularyTerm house = null;
            for (int n = Math.min(longest, words.size() - i); n >= 1 && house == null; n--) {
                String key = String.join(" ", words.subList(i, i + n).stream().map(TermNormalizer.Word::key).toList());
                house = houseTerms.get(key);
                matchedWords = n;
            }
            if (house == null) {
                i++;
                continue;
            }
            TermNormalizer.Word first = words.get(i);
            TermNormalizer.Word last = words.get(i + matchedWords - 1);
            segments.add(new Segment(text.substring(plainFrom, first.start()), null));
            segments.add(new Segment(text.substring(first.start(), last.end()), house));
            plainFrom = last.end();
            i += matchedWords;
        }
        segments.add(new Segment(text.substring(plainFrom), null));
        return segments;
    }
}
