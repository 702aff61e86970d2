package io.atelier.brands.training;

/**
 * How an adapter keeps the base model's answers to prompts that do not name the house: a share of each batch is
 * taken from the generator's plain flats under their canonical captions (and, for some of them, the empty caption
 * that classifier-free guidance steers away from), and trained towards a target that says "as before".
 *
 * @param share share of each batch taken from the plain flats (0: none)
 * @param images how many plain flats are encoded for that share
 * @param target what those rows are trained towards
 * @param weight how much a row trained towards the teacher counts against a house row (with {@link Target#DATA} the
 *               plain rows count as house rows do: that is how those runs were measured)
 */
public record PriorPreservation(double share, int images, Target target, float weight) {

    public static final float DEFAULT_WEIGHT = 5f;

    /** What the plain rows learn. */
    public enum Target {
        /**
         * The base model's own prediction for the same noisy latent and caption (LoRA slots off): each plain row pulls
         * the adapter back to the base, measured in the model's own output (self-distillation).
         */
        TEACHER,
        /** The noise that was added, as for the house's images (DreamBooth's prior preservation). */
        DATA
    }

    public PriorPreservation {
        if (share < 0 || share >= 1) {
            throw new IllegalArgumentException("share must be in [0, 1)");
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive");
        }
    }

    public static PriorPreservation defaults() {
        return new PriorPreservation(0.5, 192, Target.TEACHER, DEFAULT_WEIGHT);
    }

    public PriorPreservation withShare(double value, int imageCount) {
        return new PriorPreservation(value, imageCount, target, weight);
    }

    public PriorPreservation withTarget(Target value) {
        return new PriorPreservation(share, images, value, weight);
    }

    public PriorPreservation withWeight(float value) {
        return new PriorPreservation(share, images, target, value);
    }
}
