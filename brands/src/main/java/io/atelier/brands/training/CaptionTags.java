package io.atelier.brands.training;

import io.atelier.brands.brand.TriggerTokens;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.PromptGlossary;
import io.atelier.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A training caption for a CLIP text encoder in kohya's form: comma-separated tags, the ones that must stay first
 * (kohya's {@code keep_tokens}) and the optional ones after them. Built from a model prompt in canonical tokens (what
 * {@link TrainingExample} carries): the brand's trigger token and the category are kept, as atelier-micro's caption
 * dropout keeps them; colour, pattern, details and material are optional, each said in English
 * ({@link PromptGlossary#english}), so "brand_0 red stripes dress belt" becomes "brand_0, dress, red, striped, with
 * belt".
 *
 * @param kept tags that every non-empty drawing keeps, in order
 * @param optional tags a drawing may leave out, in order
 */
record CaptionTags(List<String> kept, List<String> optional) {

    CaptionTags {
        kept = List.copyOf(kept);
        optional = List.copyOf(optional);
    }

    /** @param canonicalPrompt trigger tokens and taxonomy tokens separated by spaces; other words stay optional tags */
    static CaptionTags of(String canonicalPrompt, Taxonomy taxonomy, PromptGlossary glossary) {
        List<String> triggers = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        for (String token : canonicalPrompt.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (TriggerTokens.isTriggerToken(token)) {
                triggers.add(token);
                continue;
            }
            String english = glossary.english(List.of(token)).orElse(token);
            if (taxonomy.kindOf(token).orElse(null) == AttributeKind.CATEGORY) {
                categories.add(english);
            } else {
                optional.add(english);
            }
        }
        List<String> kept = new ArrayList<>(triggers);
        kept.addAll(categories);
        return new CaptionTags(kept, optional);
    }

    /** Every tag, comma-separated. */
    String text() {
        return join(kept, optional);
    }

    /**
     * One drawing of the caption, from the step's random: the whole caption emptied with probability
     * {@code emptyRate} (one draw, only when {@code emptyRate > 0}), else each optional tag left out with probability
     * {@code dropout} (one draw per optional tag). The number of draws depends only on the caption and the rates, so a
     * resumed run draws what an uninterrupted one did.
     */
    String draw(SplittableRandom random, double dropout, double emptyRate) {
        if (emptyRate > 0 && random.nextDouble() < emptyRate) {
            return "";
        }
        List<String> left = new ArrayList<>(optional.size());
        for (String tag : optional) {
            if (!(random.nextDouble() < dropout)) {
                left.add(tag);
            }
        }
        return join(kept, left);
    }

    private static String join(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return String.join(", ", all);
    }
}
