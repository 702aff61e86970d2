package io.atelier.brands.training;

import java.util.SplittableRandom;

/**
 * How an adapter is trained. The defaults train a 30-image adapter of atelier-micro in a few minutes on 2 cores.
 *
 * @param steps optimiser steps
 * @param rank LoRA rank, at most the model's slot rank (8 for atelier-micro)
 * @param learningRate Adam's peak learning rate (after a short warm-up)
 * @param seed data order, timesteps and noise derive from it and the step number
 * @param batch examples per step
 * @param checkpointEvery steps between checkpoints
 * @param captionDropout probability that each optional attribute (colour, pattern, detail, material) of a training
 *     caption is left out, as in atelier-micro's own training; the house's trigger token and the category stay. On an
 *     SD-1.x checkpoint the same rule on kohya tags: each tag after the trigger and the category (kohya's
 *     {@code keep_tokens}) is dropped with this probability ({@code caption_tag_dropout_rate})
 * @param preservation how prompts that do not name the house keep the base model's answers
 * @param resolution square image size the examples are trained at; 0 = the model's native size (atelier-micro is
 *     always trained at its native size; an SD-1.x checkpoint at 512 px is slow on a CPU, so tests and CPU users
 *     pick a smaller one)
 * @param emptyCaptionRate SD-1.x checkpoints: probability that a house example's whole caption is emptied (kohya's
 *     {@code caption_dropout_rate}), so the unconditional prediction that classifier-free guidance steers from also
 *     learns from the house's images. Plain rows have their own fifth of empty captions
 *     ({@link AdapterTrainer#UNCONDITIONAL_SHARE}) on both models; atelier-micro ignores this rate
 * @param bareCaptionRate probability that a house example keeps only its trigger and category (every optional
 *     attribute or tag left out): the bare form a designer who picks the house types ("robe"), which per-attribute
 *     dropout alone rarely reaches on richly captioned datasets; both models
 */
public record AdapterTrainingOptions(int steps, int rank, float learningRate, long seed, int batch,
                                     int checkpointEvery, double captionDropout, PriorPreservation preservation,
                                     int resolution, double emptyCaptionRate, double bareCaptionRate) {

    public static final int DEFAULT_STEPS = 2000;
    public static final int DEFAULT_RANK = 8;
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    /** kohya's guides suggest 0.05–0.1; the low end, since prior preservation keeps the plain rows' empty captions. */
    public static final double DEFAULT_EMPTY_CAPTION_RATE = 0.05;
    /**
     * A quarter of the house rows are bare. A held-out house of 24 dresses whose captions name five details otherwise
     * shows the model its trigger alone beside the category about once in a thousand rows (0.25^5), and its adapter drew
     * the house colour on 11 of 16 bare prompts against 16 of 16 detailed ones; at 0.25 and at 0.5, 16 of 16 bare. The
     * demo house measured 83% at 0.25 and 80% at 0.5 (docs/brands.md).
     */
    public static final double DEFAULT_BARE_CAPTION_RATE = 0.25;

    public static AdapterTrainingOptions defaults() {
        return new AdapterTrainingOptions(DEFAULT_STEPS, DEFAULT_RANK, DEFAULT_LEARNING_RATE, 1L, 8, 100, 0.25,
                PriorPreservation.defaults(), 0, DEFAULT_EMPTY_CAPTION_RATE, DEFAULT_BARE_CAPTION_RATE);
    }

    public AdapterTrainingOptions withSteps(int value) {
        return new AdapterTrainingOptions(value, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withRank(int value) {
        return new AdapterTrainingOptions(steps, value, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withLearningRate(float value) {
        return new AdapterTrainingOptions(steps, rank, value, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withSeed(long value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, value, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withBatch(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, value, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withCheckpointEvery(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, value, captionDropout,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withCaptionDropout(double value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, value,
                preservation, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withPreservation(PriorPreservation value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                value, resolution, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withResolution(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, value, emptyCaptionRate, bareCaptionRate);
    }

    public AdapterTrainingOptions withEmptyCaptionRate(double value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, value, bareCaptionRate);
    }

    public AdapterTrainingOptions withBareCaptionRate(double value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate, value);
    }

    /**
     * The dropout of one row's optional attributes or tags: a house row is bare (all left out, 1) with
     * {@link #bareCaptionRate}, else each goes with {@link #captionDropout}. One draw from the step's random for a
     * house row, none for a plain one, so a resumed run draws what an uninterrupted one did.
     */
    public double captionDropoutFor(boolean houseRow, SplittableRandom random) {
        return houseRow && random.nextDouble() < bareCaptionRate ? 1.0 : captionDropout;
    }

    /** The same preservation with another share of each batch and number of plain flats. */
    public AdapterTrainingOptions withRegularisation(double share, int images) {
        return withPreservation(preservation.withShare(share, images));
    }
}
