package io.atelier.micro.train;

import io.atelier.engine.text.PackageTokenizer;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Taxonomy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Drops optional attributes from training captions, so that the model also draws what a designer means by a partial
 * prompt. Generator captions always name colour, pattern and category in that order ("blue solid skirt"); a model
 * trained only on those reads "blue skirt" (the word order a designer types) with "skirt" where it expects a pattern
 * and draws the wrong garment. Each colour, pattern, detail and material token is left out with probability
 * {@code rate}, and the rest is moved up: the category always stays.
 */
public final class CaptionDropout {

    private final Set<Long> optionalIds = new HashSet<>();
    private final double rate;
    private final long padId;

    public CaptionDropout(PackageTokenizer tokenizer, Taxonomy taxonomy, double rate) {
        this.rate = rate;
        this.padId = tokenizer.padTokenId();
        for (AttributeKind kind : List.of(AttributeKind.COLOUR, AttributeKind.PATTERN, AttributeKind.DETAIL,
                AttributeKind.MATERIAL)) {
            for (String token : taxonomy.tokens(kind)) {
                long id = tokenizer.ids(token)[0];
                if (id != padId) {
                    optionalIds.add(id);
                }
            }
        }
    }

    /** Rewrites {@code ids[offset, offset + length)} in place, dropping optional attributes and padding the end. */
    public void apply(long[] ids, int offset, int length, SplittableRandom random) {
        apply(ids, offset, length, random, rate);
    }

    /** The same with another rate for this caption (1 leaves only the category and the tokens outside the taxonomy). */
    public void apply(long[] ids, int offset, int length, SplittableRandom random, double rate) {
        if (rate <= 0) {
            return;
        }
        int write = offset;
        for (int read = offset; read < offset + length; read++) {
            long id = ids[read];
            if (id != padId && optionalIds.contains(id) && random.nextDouble() < rate) {
                continue;
            }
            ids[write++] = id;
        }
        while (write < offset + length) {
            ids[write++] = padId;
        }
    }
}
