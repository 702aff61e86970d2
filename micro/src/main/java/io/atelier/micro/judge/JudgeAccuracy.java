package io.atelier.micro.judge;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.taxonomy.Taxonomy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The judge's accuracy on freshly generated flats whose seeds the trainer never uses ({@link #HELD_OUT_SEED_BASE}
 * onwards; training seeds stay below 2^40). Flats are drawn at the model's native 128 px, the size it will judge.
 *
 * @param samples  how many flats were judged
 * @param category share of flats whose category was read right
 * @param colour   share whose colour was read right
 * @param pattern  share whose pattern was read right
 * @param details  share of (flat, applicable detail) pairs read right, present or absent
 * @param detailSets share of flats whose whole detail set was read right
 */
public record JudgeAccuracy(int samples, double category, double colour, double pattern, double details,
                            double detailSets) {

    public static final long HELD_OUT_SEED_BASE = 1L << 40;

    public static JudgeAccuracy measure(Judge judge, int samples, int size) {
        List<FlatSpec> specs = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            FlatSpec spec = FlatSpec.random(HELD_OUT_SEED_BASE + i);
            specs.add(spec);
            images.add(FlatsGenerator.draw(spec, size));
        }
        List<JudgeVerdict> verdicts = judge.scoreAll(images);
        int category = 0;
        int colour = 0;
        int pattern = 0;
        int detailHits = 0;
        int detailPairs = 0;
        int sets = 0;
        for (int i = 0; i < samples; i++) {
            FlatSpec spec = specs.get(i);
            JudgeVerdict verdict = verdicts.get(i);
            category += spec.category().equals(verdict.category()) ? 1 : 0;
            colour += spec.colour().equals(verdict.colour()) ? 1 : 0;
            pattern += spec.pattern().equals(verdict.pattern()) ? 1 : 0;
            boolean allRight = true;
            for (String detail : Taxonomy.standard().applicableDetails(spec.category())) {
                boolean right = spec.has(detail) == verdict.details().contains(detail);
                detailHits += right ? 1 : 0;
                detailPairs++;
                allRight &= right;
            }
            sets += allRight ? 1 : 0;
        }
        return new JudgeAccuracy(samples, category / (double) samples, colour / (double) samples,
                pattern / (double) samples, detailHits / (double) Math.max(1, detailPairs), sets / (double) samples);
    }

    @Override
    public String toString() {
        return String.format("held-out %d flats: category %.3f, colour %.3f, pattern %.3f, details %.3f (whole set %.3f)",
                samples, category, colour, pattern, details, detailSets);
    }
}
