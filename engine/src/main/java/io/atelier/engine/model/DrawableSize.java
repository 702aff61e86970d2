package io.atelier.engine.model;

import java.util.List;

/**
 * A width × height a model draws well: its training size and, for models trained on several aspect ratios, the
 * others. Asking a model for a size it never saw gives twin garments and holes, so plugins pick among these (the one
 * nearest their canvas's aspect ratio) and scale the result, rather than asking for the canvas's own size.
 */
public record DrawableSize(int width, int height) {

    public DrawableSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a drawable size is positive: " + width + "x" + height);
        }
    }

    /**
     * Stable Diffusion 1.x: trained at 512×512 and fine-tuned by most houses on aspect buckets whose short side stays
     * 512; past 1.5:1 it repeats subjects.
     */
    static List<DrawableSize> sd1Buckets() {
        return List.of(new DrawableSize(512, 512),
                new DrawableSize(512, 576), new DrawableSize(576, 512),
                new DrawableSize(512, 640), new DrawableSize(640, 512),
                new DrawableSize(512, 704), new DrawableSize(704, 512),
                new DrawableSize(512, 768), new DrawableSize(768, 512));
    }

    /**
     * The size among {@code sizes} whose aspect ratio is nearest that of {@code targetWidth} × {@code targetHeight}
     * (compared as log ratios, so 2:1 and 1:2 are equally far from 1:1); the first on a tie.
     */
    public static DrawableSize nearestAspect(List<DrawableSize> sizes, int targetWidth, int targetHeight) {
        double target = Math.log((double) Math.max(1, targetWidth) / Math.max(1, targetHeight));
        DrawableSize best = sizes.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (DrawableSize s : sizes) {
            double distance = Math.abs(Math.log((double) s.width / s.height) - target);
            if (distance < bestDistance - 1e-12) {
                best = s;
                bestDistance = distance;
            }
        }
        return best;
    }
}
