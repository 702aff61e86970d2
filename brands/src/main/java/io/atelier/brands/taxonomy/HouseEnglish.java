package io.atelier.brands.taxonomy;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.taxonomy.PromptGlossary;
import io.atelier.taxonomy.TermNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a brand's house words mean in English, for models that read the glossary. A house word the brand wrote in
 * English (or for both languages) is kept as written. A French one takes, in this order: the brand's own English word
 * of the same meaning ("vert Exemple" → "Exemple green"; among several, the one sharing a word with it, else the only
 * one no other French word claimed: "chaîne dorée" → "gold chain"); else the English of its canonical tokens
 * ("besace" → "handbag with shoulder strap"); else it stays as written (a trigger token means nothing to CLIP).
 */
final class HouseEnglish {

    private HouseEnglish() {
    }

    /** The English of every French house word of the brand, keyed by its folded term. */
    static Map<String, String> of(Brand brand, PromptGlossary glossary) {
        Map<String, String> english = new HashMap<>();
        Map<String, List<VocabularyTerm>> frenchByMeaning = new HashMap<>();
        Map<String, List<VocabularyTerm>> englishByMeaning = new HashMap<>();
        for (VocabularyTerm term : brand.vocabulary()) {
            if ("fr".equals(term.lang())) {
                frenchByMeaning.computeIfAbsent(term.canonical(), k -> new ArrayList<>()).add(term);
            } else if ("en".equals(term.lang())) {
                englishByMeaning.computeIfAbsent(term.canonical(), k -> new ArrayList<>()).add(term);
            }
        }
        frenchByMeaning.forEach((meaning, frenchTerms) -> {
            List<VocabularyTerm> candidates = englishByMeaning.getOrDefault(meaning, List.of());
            // Step 1: pair French and English words of one meaning: the only one, or the one sharing a word.
            Set<VocabularyTerm> claimed = new HashSet<>();
            List<VocabularyTerm> unpaired = new ArrayList<>();
            for (VocabularyTerm french : frenchTerms) {
                List<VocabularyTerm> sharing = candidates.size() == 1 ? candidates
                        : candidates.stream().filter(en -> sharesAWord(french, en)).toList();
                if (sharing.size() == 1) {
                    english.put(TermNormalizer.key(french.term()), sharing.get(0).term());
                    claimed.add(sharing.get(0));
                } else {
                    unpaired.add(french);
                }
            }
            // Step 2: the rest take the one English word nobody claimed, else the taxonomy's English, else nothing.
            List<VocabularyTerm> left = candidates.stream().filter(en -> !claimed.contains(en)).toList();
            String fallback = left.size() == 1 ? left.get(0).term()
                    : glossary.english(List.of(meaning.split(" "))).orElse(null);
            if (fallback != null) {
                unpaired.forEach(french -> english.put(TermNormalizer.key(french.term()), fallback));
            }
        });
        return english;
    }

    private static boolean sharesAWord(VocabularyTerm a, VocabularyTerm b) {
        Set<String> words = new HashSet<>(List.of(TermNormalizer.key(a.term()).split(" ")));
        return List.of(TermNormalizer.key(b.term()).split(" ")).stream().anyMatch(words::contains);
    }
}
