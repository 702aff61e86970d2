package io.atelier.micro.judge;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.taxonomy.Taxonomy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param perDetail  per detail token, the share of flats it applies to on which it was read right (taxonomy order),
 *                   so a detail the judge cannot see is named rather than hidden in the pooled figure
 */
public record JudgeAccuracy(int samples, double category, double colour, double pattern, double details,
                            double detailSets, Map<String, Double> perDetail) {

    public JudgeAccuracy {
        perDetail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perDetail));
    }

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
        Map<String, int[]> byDetail = new LinkedHashMap<>(); // token -> {right, applicable}
        judge.labels().details().forEach(d -> byDetail.put(d, new int[2]));
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
                int[] counts = byDetail.computeIfAbsent(detail, d -> new int[2]);
                counts[0] += right ? 1 : 0;
                counts[1]++;
                allRight &= right;
            }
            sets += allRight ? 1 : 0;
        }
        Map<String, Double> perDetail = new LinkedHashMap<>();
        byDetail.forEach((d, counts) -> perDetail.put(d, counts[0] / (double) Math.max(1, counts[1])));
        return new JudgeAccuracy(samples, category / (double) samples, colour / (double) samples,
                pattern / (double) samples, detailHits / (double) Math.max(1, detailPairs), sets / (double) samples,
                perDetail);
    }

    @Override
    public String toString() {
        StringBuilder each = new StringBuilder();
        perDetail.forEach((d, rate) -> each.append(String.format(" %s %.3f", d, rate)));
        return String.format("held-out %d flats: category %.3f, colour %.3f, pattern %.3f, details %.3f (whole set %.3f;%s)",
                samples, category, colour, pattern, details, detailSets, each);
    }
}
