package io.atelier.micro.train;

import io.atelier.engine.sampler.NoiseSchedule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every setting of a training run. Defaults are the committed recipe (docs/atelier-micro.md); the
 * step counts, not the wall clock, define the result, so a resumed run ends where an uninterrupted
 * one would. {@code minutes} only bounds one invocation: rerun the same command to continue.
 */
public record TrainingOptions(
        Path out, Path init, Path packageDir, Path tokenizer, Path docs,
        double minutes, double checkpointMinutes, double exportMinutes,
        int vaeSteps, int vaeBatch, int vaeCrop, float vaeLearningRate, float vaeHueShare, float vaeColourWeight,
        int cacheSize, int unetSteps, int unetBatch, float unetLearningRate, int warmupSteps, float emaDecay,
        float conditionDropout, float attributeDropout, int attributeDropoutFrom, String betaSchedule, float betaStart, float betaEnd, int trainTimesteps,
        int defaultSteps, float defaultGuidance, int sheetPrompts) {

    public static TrainingOptions parse(String... args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                a.put(key, args[++i]);
            } else {
                a.put(key, "true");
            }
        }
        Path out = Path.of(a.getOrDefault("out", "work-runs/micro"));
        return new TrainingOptions(
                out,
                Path.of(a.getOrDefault("init", out.resolve("init").toString())),
                Path.of(a.getOrDefault("package", "micro/src/main/resources/io/atelier/micro/model/atelier-micro")),
                Path.of(a.getOrDefault("tokenizer", "micro/src/main/resources/io/atelier/micro/tokenizer.json")),
                Path.of(a.getOrDefault("docs", "docs")),
                Double.parseDouble(a.getOrDefault("minutes", "120")),
                Double.parseDouble(a.getOrDefault("checkpoint-minutes", "4")),
                Double.parseDouble(a.getOrDefault("export-minutes", "15")),
                Integer.parseInt(a.getOrDefault("vae-steps", "4000")),
                Integer.parseInt(a.getOrDefault("vae-batch", "16")),
                Integer.parseInt(a.getOrDefault("vae-crop", "64")),
                Float.parseFloat(a.getOrDefault("vae-lr", "5e-4")),
                Float.parseFloat(a.getOrDefault("vae-hue-share", "0.5")),
                Float.parseFloat(a.getOrDefault("vae-colour-weight", "2.0")),
                Integer.parseInt(a.getOrDefault("cache-size", "6144")),
                Integer.parseInt(a.getOrDefault("unet-steps", "8000")),
                Integer.parseInt(a.getOrDefault("unet-batch", "24")),
                Float.parseFloat(a.getOrDefault("unet-lr", "8e-4")),
                Integer.parseInt(a.getOrDefault("warmup", "200")),
                Float.parseFloat(a.getOrDefault("ema", "0.999")),
                Float.parseFloat(a.getOrDefault("cond-dropout", "0.1")),
                Float.parseFloat(a.getOrDefault("attribute-dropout", "0.25")),
                Integer.parseInt(a.getOrDefault("attribute-dropout-from", "6000")),
                a.getOrDefault("beta-schedule", "linear"),
                Float.parseFloat(a.getOrDefault("beta-start", "0.0001")),
                Float.parseFloat(a.getOrDefault("beta-end", "0.02")),
                Integer.parseInt(a.getOrDefault("train-timesteps", "1000")),
                Integer.parseInt(a.getOrDefault("default-steps", "20")),
                Float.parseFloat(a.getOrDefault("default-guidance", "3.0")),
                Integer.parseInt(a.getOrDefault("sheet-prompts", "24")));
    }

    /** The engine's schedule; the float betas widen exactly as the shipped model's training read them. */
    public NoiseSchedule schedule() {
        return NoiseSchedule.of(betaSchedule, trainTimesteps, betaStart, betaEnd);
    }
}
