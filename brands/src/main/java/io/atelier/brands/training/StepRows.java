package io.atelier.brands.training;

import io.atelier.micro.train.LatentCache;
import java.util.SplittableRandom;

/**
 * Which examples one training step learns from, and how: every draw comes from the step's own random (a function of
 * the seed and the step number), in a fixed order, so that a resumed run draws exactly what an uninterrupted one
 * would. Shared by the adapter trainers of atelier-micro and of SD-1.x checkpoints.
 *
 * <p>Per row, in this order: whether it is a plain (regularisation) row, which example, whether a plain row's caption
 * is emptied ({@link AdapterTrainer#UNCONDITIONAL_SHARE}), the trainer's own caption edit for the other rows, the
 * timestep. The noise is drawn after all rows, from the same random.
 */
final class StepRows {

    /** One row of the batch. */
    record Row(int index, boolean teacher, boolean unconditional, int timestep) {
    }

    /**
     * A trainer's change to a row's caption that draws from the step's random (caption dropout: atelier-micro's on its
     * token ids, the SD-1.x trainer's on kohya tags).
     */
    interface CaptionEdit {
        void apply(int row, int index, SplittableRandom random);
    }

    /** A step's rows as the optimiser takes them: their cached latents (scaled), timesteps and teacher flags. */
    record Batch(float[] latents, int[] timesteps, boolean[] teacher) {
    }

    private StepRows() {
    }

    /** Gathers {@code rows} from the trainer's latent cache, each latent multiplied by the model's scaling factor. */
    static Batch gather(Row[] rows, LatentCache cache, float scale) {
        int per = cache.perLatent();
        float[] latents = new float[rows.length * per];
        int[] timesteps = new int[rows.length];
        boolean[] teacher = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < per; j++) {
                latents[i * per + j] = cache.latents()[rows[i].index() * per + j] * scale;
            }
            timesteps[i] = rows[i].timestep();
            teacher[i] = rows[i].teacher();
        }
        return new Batch(latents, timesteps, teacher);
    }

    /**
     * @param brandCount the house's examples come first in the cache
     * @param regularisation the plain flats that follow them
     */
    static Row[] draw(SplittableRandom random, int batch, int brandCount, int regularisation,
                      PriorPreservation preservation, int trainTimesteps, CaptionEdit edit) {
        Row[] rows = new Row[batch];
        for (int i = 0; i < batch; i++) {
            boolean plain = regularisation > 0 && random.nextDouble() < preservation.share();
            boolean teacher = plain && preservation.target() == PriorPreservation.Target.TEACHER;
            int index = plain ? brandCount + random.nextInt(regularisation) : random.nextInt(brandCount);
            boolean unconditional = plain && random.nextDouble() < AdapterTrainer.UNCONDITIONAL_SHARE;
            if (!unconditional) {
                edit.apply(i, index, random);
            }
            rows[i] = new Row(index, teacher, unconditional, random.nextInt(trainTimesteps));
        }
        return rows;
    }
}
