package io.atelier.micro.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Writes and checks model.json per contracts.md (format version 1). */
public final class ModelManifest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> COMPONENT_FILES = Map.of(
            "tokenizer", AtelierMicroModel.TOKENIZER,
            "textEncoder", AtelierMicroModel.TEXT_ENCODER,
            "unet", AtelierMicroModel.UNET,
            "vaeDecoder", AtelierMicroModel.VAE_DECODER,
            "vaeEncoder", AtelierMicroModel.VAE_ENCODER);

    private ModelManifest() {}

    /** The sampling defaults and schedule a package advertises. */
    public record Settings(String predictionType, String betaSchedule, float betaStart, float betaEnd,
                           int trainTimesteps, int defaultSteps, float defaultGuidance, float latentScalingFactor) {}

    /** Writes model.json into {@code dir}, hashing the component files already there. */
    public static void write(Path dir, Settings s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        root.put("id", AtelierMicroModel.ID);
        root.put("family", "atelier-micro");
        root.put("displayName", "Atelier micro (technical flats, 128 px)");
        root.put("nativeWidth", AtelierMicroModel.IMAGE_SIZE);
        root.put("nativeHeight", AtelierMicroModel.IMAGE_SIZE);
        root.put("latentChannels", AtelierMicroModel.LATENT_CHANNELS);
        root.put("vaeScaleFactor", AtelierMicroModel.VAE_SCALE_FACTOR);
        root.put("latentScalingFactor", s.latentScalingFactor());
        root.put("predictionType", s.predictionType());
        ObjectNode scheduler = root.putObject("scheduler");
        scheduler.put("trainTimesteps", s.trainTimesteps());
        scheduler.put("betaSchedule", s.betaSchedule());
        scheduler.put("betaStart", s.betaStart());
        scheduler.put("betaEnd", s.betaEnd());
        scheduler.put("defaultSampler", "ddim");
        scheduler.put("defaultSteps", s.defaultSteps());
        scheduler.put("defaultGuidance", s.defaultGuidance());
        ObjectNode text = root.putObject("text");
        text.put("maxLength", AtelierMicroModel.TEXT_LENGTH);
        text.put("hiddenSize", AtelierMicroModel.TEXT_HIDDEN);
        text.put("padTokenId", 0);
        ObjectNode components = root.putObject("components");
        for (String key : new String[] {"tokenizer", "textEncoder", "unet", "vaeDecoder", "vaeEncoder"}) {
            String file = COMPONENT_FILES.get(key);
            ObjectNode c = components.putObject(key);
            c.put("file", file);
            c.put("sha256", sha256(dir.resolve(file)));
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(AtelierMicroModel.MODEL_JSON).toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the components whose file is missing or whose hash differs from model.json; empty when sound. */
    public static java.util.List<String> verify(Path dir) {
        java.util.List<String> bad = new java.util.ArrayList<>();
        try {
            var components = JSON.readTree(dir.resolve(AtelierMicroModel.MODEL_JSON).toFile()).get("components");
            components.fields().forEachRemaining(e -> {
                Path file = dir.resolve(e.getValue().get("file").asText());
                if (!Files.exists(file) || !sha256(file).equals(e.getValue().get("sha256").asText())) {
                    bad.add(e.getKey());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bad;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
