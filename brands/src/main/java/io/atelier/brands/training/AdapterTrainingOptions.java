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
 *     caption is left out, as in atelier-micro's own training; the house's trigger token and the category stay
 * @param preservation how prompts that do not name the house keep the base model's answers
 * @param resolution square image size the examples are trained at; 0 = the model's native size (atelier-micro is
 *     always trained at its native size; an SD-1.x checkpoint at 512 px is slow on a CPU, so tests and CPU users
 *     pick a smaller one)
 */
public record AdapterTrainingOptions(int steps, int rank, float learningRate, long seed, int batch,
                                     int checkpointEvery, double captionDropout, PriorPreservation preservation,
                                     int resolution) {

    public static final int DEFAULT_STEPS = 2000;
    public static final int DEFAULT_RANK = 8;
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;

    public static AdapterTrainingOptions defaults() {
        return new AdapterTrainingOptions(DEFAULT_STEPS, DEFAULT_RANK, DEFAULT_LEARNING_RATE, 1L, 8, 100, 0.25,
                PriorPreservation.defaults(), 0);
    }

    public AdapterTrainingOptions withSteps(int value) {
        return new AdapterTrainingOptions(value, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution);
    }

    public AdapterTrainingOptions withRank(int value) {
        return new AdapterTrainingOptions(steps, value, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution);
    }

    public AdapterTrainingOptions withLearningRate(float value) {
        return new AdapterTrainingOptions(steps, rank, value, seed, batch, checkpointEvery, captionDropout,
                preservation, resolution);
    }

    public AdapterTrainingOptions withSeed(long value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, value, batch, checkpointEvery, captionDropout,
                preservation, resolution);
    }

    public AdapterTrainingOptions withBatch(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, value, checkpointEvery, captionDropout,
                preservation, resolution);
    }

    public AdapterTrainingOptions withCheckpointEvery(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, value, captionDropout,
                preservation, resolution);
    }

    public AdapterTrainingOptions withCaptionDropout(double value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, value,
                preservation, resolution);
    }

    public AdapterTrainingOptions withPreservation(PriorPreservation value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                value, resolution);
    }

    public AdapterTrainingOptions withResolution(int value) {
        return new AdapterTrainingOptions(steps, rank, learningRate, seed, batch, checkpointEvery, captionDropout,
                preservation, value);
    }

    /** The same preservation with another share of each batch and number of plain flats. */
    public AdapterTrainingOptions withRegularisation(double share, int images) {
        return withPreservation(preservation.withShare(share, images));
    }
}
