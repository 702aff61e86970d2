package io.atelier.micro.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.micro.model.AtelierMicroModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a contact sheet from an exported package (so the sheet shows exactly what ships):
 * every category, cycling through colours and patterns, fixed seeds.
 */
public final class SampleSheet {

    static final List<String> PROMPTS = List.of(
            "red solid dress", "blue stripes dress", "black check dress", "yellow polka_dots dress",
            "black solid biker_jacket", "brown leopard biker_jacket", "green solid bomber", "navy stripes bomber",
            "beige solid trousers", "grey check trousers", "pink solid skirt", "purple polka_dots skirt",
            "orange solid sweatshirt", "grey stripes sweatshirt", "navy solid tshirt", "red stripes tshirt",
            "brown solid handbag", "black leopard handbag", "navy check handbag", "green polka_dots handbag",
            "yellow stripes skirt", "blue check sweatshirt", "pink leopard dress", "beige polka_dots trousers");

    private SampleSheet() {}

    /** Usage: SampleSheet packageDir out.png [steps] [guidance]. */
    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "2"));
        render(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20,
                args.length > 3 ? Float.parseFloat(args[3]) : 4f);
    }

    public static void render(Path packageDir, Path png, int steps, float guidance) {
        render(packageDir, png, PROMPTS, steps, guidance);
    }

    public static void render(Path packageDir, Path png, List<String> prompts, int steps, float guidance) {
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(packageDir.resolve(AtelierMicroModel.MODEL_JSON).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode sched = manifest.get("scheduler");
        NoiseSchedule schedule = new NoiseSchedule(sched.get("betaSchedule").asText(),
                (float) sched.get("betaStart").asDouble(), (float) sched.get("betaEnd").asDouble(),
                sched.get("trainTimesteps").asInt());
        float scale = (float) manifest.get("latentScalingFactor").asDouble();
        try (TrainableModule text = TrainableModule.load(packageDir.resolve(AtelierMicroModel.TEXT_ENCODER));
             TrainableModule unet = TrainableModule.load(packageDir.resolve(AtelierMicroModel.UNET));
             TrainableModule decoder = TrainableModule.load(packageDir.resolve(AtelierMicroModel.VAE_DECODER));
             PromptTokenizer tokenizer = new PromptTokenizer(packageDir.resolve(AtelierMicroModel.TOKENIZER),
                     AtelierMicroModel.TEXT_LENGTH)) {
            DdimSampler sampler = new DdimSampler(text, unet, decoder, schedule, scale, AtelierMicroModel.LATENT_SIZE);
            List<BufferedImage> images = new ArrayList<>();
            int chunk = 8;
            for (int start = 0; start < prompts.size(); start += chunk) {
                List<String> part = prompts.subList(start, Math.min(prompts.size(), start + chunk));
                long[] ids = new long[part.size() * AtelierMicroModel.TEXT_LENGTH];
                long[] seeds = new long[part.size()];
                for (int i = 0; i < part.size(); i++) {
                    System.arraycopy(tokenizer.ids(part.get(i)), 0, ids, i * AtelierMicroModel.TEXT_LENGTH,
                            AtelierMicroModel.TEXT_LENGTH);
                    seeds[i] = 1000 + start + i;
                }
                images.addAll(sampler.sample(ids, seeds, steps, guidance));
            }
            ContactSheet.write(png, images, prompts, 6);
        }
    }
}
