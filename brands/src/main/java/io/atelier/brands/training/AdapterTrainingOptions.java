package io.atelier.brands.training;

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
 */
public record AdapterTrainingOptions(int steps, int rank, float learningRate, long seed, int batch,
                                     int checkpointEvery, double captionDropout, PriorPreservation preservation,
                                     int resolution, double emptyCaptionRate) {

    public static final int DEFAULT_STEPS = 2000;
    public static final int DEFAULT_RANK = 8;
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    /** kohya's guides suggest 0.05–0.1; the low end, since prior preservation keeps the plain rows' empty captions. */
    public static final double DEFAULT_EMPTY_CAPTION_RATE = 0.05;

    public static AdapterTrainingOptions defaults() {
        return new AdapterTrainingOptions(DEFAULT_STEPS, DEFAULT_RANK, DEFAULT_LEARNING_RATE, 1L, 8, 100, 0.25,
                PriorPreservation.defaults(), 0, DEFAULT_EMPTY_CAPTION_RATE);
    }

    public AdapterTrainingOptions withSteps(int value) {
        return new AdapterTrainingOptions(value, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withRank(int value) {
        return new AdapterTrainingOptions(steps, value, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withLearningRate(float value) {
        return new AdapterTrainingOptions(steps, rank, value, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withSeed(long value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, value, batch, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withBatch(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, value, checkpointEvery, captionDropout,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withCheckpointEvery(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, value, captionDropout,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withCaptionDropout(double value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, value,
                preservation, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withPreservation(PriorPreservation value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                value, resolution, emptyCaptionRate);
    }

    public AdapterTrainingOptions withResolution(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, value, emptyCaptionRate);
    }

    public AdapterTrainingOptions withEmptyCaptionRate(double value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution, value);
    }

    /** The same preservation with another share of each batch and number of plain flats. */
    public AdapterTrainingOptions withRegularisation(double share, int images) {
        return withPreservation(preservation.withShare(share, images));
    }
}
