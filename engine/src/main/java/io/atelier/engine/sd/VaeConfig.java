package io.atelier.engine.sd;

/** The KL autoencoder ({@code AutoencoderKL}) of SD-1.x: ch 128, ch_mult (1, 2, 4, 4), 2 res blocks, 4 latent channels. */
public record VaeConfig(int imageChannels, int ch, int[] chMult, int numResBlocks, int zChannels) {

    public int levels() {
        return chMult.length;
    }

    /** Pixels per latent pixel along each axis. */
    public int scaleFactor() {
        return 1 << (levels() - 1);
    }
}
