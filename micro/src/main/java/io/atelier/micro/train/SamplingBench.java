package io.atelier.micro.train;

import io.atelier.micro.model.AtelierMicroModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints how long one native-size image takes with the package's default steps and guidance
 * (text encoder + 2x UNet per step for guidance + decoder), median of several runs.
 * Usage: SamplingBench [packageDir] [runs]. The engine's bench is the reference figure; this one
 * checks the architecture's cost on the training side.
 */
public final class SamplingBench {

    private SamplingBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "2"));
        Path pkg = Path.of(args.length > 0 ? args[0] : "micro/src/main/resources/io/atelier/micro/model/atelier-micro");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(pkg.resolve(AtelierMicroModel.MODEL_JSON).toFile());
        var s = manifest.get("scheduler");
        NoiseSchedule schedule = new NoiseSchedule(s.get("betaSchedule").asText(), (float) s.get("betaStart").asDouble(),
                (float) s.get("betaEnd").asDouble(), s.get("trainTimesteps").asInt());
        int steps = s.get("defaultSteps").asInt();
        float guidance = (float) s.get("defaultGuidance").asDouble();
        try (TrainableModule text = TrainableModule.load(pkg.resolve(AtelierMicroModel.TEXT_ENCODER));
             TrainableModule unet = TrainableModule.load(pkg.resolve(AtelierMicroModel.UNET));
             TrainableModule decoder = TrainableModule.load(pkg.resolve(AtelierMicroModel.VAE_DECODER));
             PromptTokenizer tokenizer = new PromptTokenizer(pkg.resolve(AtelierMicroModel.TOKENIZER), AtelierMicroModel.TEXT_LENGTH)) {
            DdimSampler sampler = new DdimSampler(text, unet, decoder, schedule,
                    (float) manifest.get("latentScalingFactor").asDouble(), AtelierMicroModel.LATENT_SIZE);
            long[] ids = tokenizer.ids("red stripes dress belt short_sleeves");
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                sampler.sample(ids, new long[] {i}, steps, guidance);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "atelier-micro %dx%d, %d steps, guidance %.1f: median %.0f ms, best %.0f ms over %d runs%n",
                    AtelierMicroModel.IMAGE_SIZE, AtelierMicroModel.IMAGE_SIZE, steps, guidance, ms[runs / 2], ms[0], runs);
        }
    }
}
