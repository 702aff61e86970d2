package io.atelier.micro.train;

import java.util.function.IntToDoubleFunction;

/**
 * A batch of clean latents taken to their timesteps by the forward process, with each row's share of the loss: the
 * one home of these formulas for every trainer (atelier-micro's UNet, its adapters, SD-1.5 adapters).
 *
 * <pre>
 * x_t = sqrt(alphaBar_t) x_0 + sqrt(1 - alphaBar_t) eps
 * w_b = min(SNR_t, 5) / SNR_t,  SNR_t = alphaBar_t / (1 - alphaBar_t)        (Min-SNR-5, Hang et al. 2023)
 * </pre>
 * Min-SNR keeps the many easy low-noise timesteps from dominating the loss. A row trained towards a teacher's answer
 * (prior preservation) has its weight multiplied by {@code teacherWeight}.
 *
 * @param noisy x_t, laid out as the latents
 * @param weights one loss weight per row
 */
public record NoisedLatents(float[] noisy, float[] weights) {
    public static final float MIN_SNR_GAMMA = 5f;

    /**
     * @param latents x_0 rows (already multiplied by the latent scaling factor)
     * @param noise eps, laid out as the latents
     * @param timesteps t per row
     * @param alphaBar the schedule's cumulative alpha product at a timestep
     * @param teacher rows whose target is a teacher's prediction
     */
    public static NoisedLatents of(float[] latents, float[] noise, int[] timesteps, IntToDoubleFunction alphaBar,
                                   boolean[] teacher, float teacherWeight) {
        int batch = timesteps.length;
        int per = latents.length / batch;
        float[] noisy = new float[latents.length];
        float[] weights = new float[batch];
        for (int b = 0; b < batch; b++) {
            double ab = alphaBar.applyAsDouble(timesteps[b]);
            float a = (float) Math.sqrt(ab);
            float s = (float) Math.sqrt(1 - ab);
            for (int i = b * per; i < (b + 1) * per; i++) {
                noisy[i] = a * latents[i] + s * noise[i];
            }
            double snr = ab / (1 - ab);
            weights[b] = (float) (Math.min(snr, MIN_SNR_GAMMA) / snr) * (teacher[b] ? teacherWeight : 1f);
        }
        return new NoisedLatents(noisy, weights);
    }
}
