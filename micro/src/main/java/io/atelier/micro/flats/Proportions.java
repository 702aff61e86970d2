package io.atelier.micro.flats;

import java.util.Random;

/**
 * The small, deterministic drawing variations of one flat (from {@link FlatSpec#variation()}), so that a model
 * learns "a striped dress" rather than one bitmap. All lengths are in the generator's 128-unit design space.
 *
 * @param width        horizontal scale of the garment, 0.9–1.1
 * @param length       vertical scale of the garment, 0.93–1.02
 * @param dx           horizontal offset, ±3
 * @param dy           vertical offset, ±3
 * @param shape        a free 0–1 knob each category uses for its own silhouette (flare, neckline, bag shape…)
 * @param shape2       a second free knob
 * @param patternScale pattern period scale, 0.85–1.2
 * @param patternPhaseX pattern offset in x, 0–1 period
 * @param patternPhaseY pattern offset in y, 0–1 period
 * @param verticalStripes whether stripes run vertically (a third of striped flats)
 * @param shade        brightness jitter of the fill colour, ±6 %
 * @param goldMetal    whether hardware is gold rather than silver
 * @param seed         seed for anything else random (leopard spots, texture)
 */
public record Proportions(double width, double length, double dx, double dy, double shape, double shape2,
                          double patternScale, double patternPhaseX, double patternPhaseY, boolean verticalStripes,
                          double shade, boolean goldMetal, long seed) {

    public static Proportions of(long variation) {
        Random r = new Random(variation ^ 0x5DEECE66DL);
        return new Proportions(
                0.9 + 0.2 * r.nextDouble(),
                0.93 + 0.09 * r.nextDouble(),
                -3 + 6 * r.nextDouble(),
                -3 + 6 * r.nextDouble(),
                r.nextDouble(),
                r.nextDouble(),
                0.85 + 0.35 * r.nextDouble(),
                r.nextDouble(),
                r.nextDouble(),
                r.nextInt(3) == 0,
                -0.06 + 0.12 * r.nextDouble(),
                r.nextBoolean(),
                r.nextLong());
    }

    /** Linear interpolation on the {@link #shape} knob. */
    public double byShape(double from, double to) {
        return from + (to - from) * shape;
    }

    public double byShape2(double from, double to) {
        return from + (to - from) * shape2;
    }
}
