package io.atelier.micro.judge;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Taxonomy;

import java.util.List;

/**
 * The judge's output layout: one logit vector = category | colour | pattern (each a softmax head) | details (one
 * independent sigmoid per detail). Label lists come from the taxonomy, in its order.
 */
public record JudgeLabels(List<String> categories, List<String> colours, List<String> patterns, List<String> details) {

    public JudgeLabels {
        categories = List.copyOf(categories);
        colours = List.copyOf(colours);
        patterns = List.copyOf(patterns);
        details = List.copyOf(details);
    }

    public static JudgeLabels of(Taxonomy taxonomy) {
        return new JudgeLabels(taxonomy.tokens(AttributeKind.CATEGORY), taxonomy.tokens(AttributeKind.COLOUR),
                taxonomy.tokens(AttributeKind.PATTERN), taxonomy.tokens(AttributeKind.DETAIL));
    }

    public int colourOffset() {
        return categories.size();
    }

    public int patternOffset() {
        return colourOffset() + colours.size();
    }

    public int detailOffset() {
        return patternOffset() + patterns.size();
    }

    public int outputs() {
        return detailOffset() + details.size();
    }

    /** The training target of a flat: one-hot heads and 0/1 details, laid out like the logits. */
    public float[] target(FlatSpec spec) {
        float[] target = new float[outputs()];
        target[categories.indexOf(spec.category())] = 1;
        target[colourOffset() + colours.indexOf(spec.colour())] = 1;
        target[patternOffset() + patterns.indexOf(spec.pattern())] = 1;
        for (String detail : spec.details()) {
            target[detailOffset() + details.indexOf(detail)] = 1;
        }
        return target;
    }
}
