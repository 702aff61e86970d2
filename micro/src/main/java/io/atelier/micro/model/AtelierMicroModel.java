package io.atelier.micro.model;

import io.atelier.engine.model.TextSettings;
import io.atelier.engine.text.PackageTokenizer;
import java.nio.file.Path;
import java.util.List;

/**
 * The shipped default model: where its package lives on the classpath and the architecture
 * figures every component agrees on (see docs/atelier-micro.md).
 */
public final class AtelierMicroModel {

    public static final String ID = "atelier-micro";
    /** Classpath folder of the package (model.json, tokenizer.json and the four TorchScript files). */
    public static final String RESOURCE_FOLDER = "/io/atelier/micro/model/atelier-micro/";
    public static final int IMAGE_SIZE = 128;
    public static final int VAE_SCALE_FACTOR = 8;
    public static final int LATENT_SIZE = IMAGE_SIZE / VAE_SCALE_FACTOR;
    public static final int LATENT_CHANNELS = 4;
    public static final int TEXT_LENGTH = 16;
    public static final int TEXT_HIDDEN = 64;
    public static final int LORA_RANK = 8;

    public static final String MODEL_JSON = "model.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TEXT_ENCODER = "text_encoder.pt";
    public static final String UNET = "unet.pt";
    public static final String VAE_DECODER = "vae_decoder.pt";
    public static final String VAE_ENCODER = "vae_encoder.pt";
    public static final List<String> FILES = List.of(MODEL_JSON, TOKENIZER, TEXT_ENCODER, UNET, VAE_DECODER, VAE_ENCODER);

    /** The text encoder's input as model.json declares it: {@link #TEXT_LENGTH} ids, [PAD] = 0. */
    public static final TextSettings TEXT = new TextSettings(TEXT_LENGTH, TEXT_HIDDEN, 0);

    private AtelierMicroModel() {}

    /** A tokenizer.json of this architecture read the way the engine serves it (training uses the same). */
    public static PackageTokenizer tokenizer(Path tokenizerJson) {
        return PackageTokenizer.load(ID, tokenizerJson, TEXT);
    }
}
