package io.atelier.engine.sd;

/** A whole SD-1.x checkpoint's architecture, as read from its tensor shapes. */
public record Sd1Config(UNetConfig unet, ClipTextConfig text, VaeConfig vae) {
    /** SD-1.x's latent scaling (the KL-f8 autoencoder's latents have std ~ 1 / 0.18215). */
    public static final double LATENT_SCALING = 0.18215;
}
