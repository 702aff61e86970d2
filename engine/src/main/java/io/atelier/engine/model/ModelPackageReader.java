package io.atelier.engine.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.engine.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and checks a package's {@code model.json}, then the sha256 of every component it lists. */
public final class ModelPackageReader {
    public static final String MANIFEST = "model.json";
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    private ModelPackageReader() {
    }

    /** Parses and validates a manifest; {@code where} names the package in messages when the id is unknown. */
    public static ModelManifest parse(InputStream json, String where) {
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(json, ModelManifest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            throw new ModelLoadException(where, "Model '" + where + "': model.json is not valid: field '" + field
                    + "' is missing or has the wrong type.", e);
        } catch (IOException e) {
            throw new ModelLoadException(where, "Model '" + where + "': model.json is not valid JSON.", e);
        }
        validate(manifest, where);
        return manifest;
    }

    /** Reads {@code <directory>/model.json}, checks it and the sha256 of every component. */
    public static ModelPackage open(Path directory) {
        String where = directory.getFileName() == null ? "?" : directory.getFileName().toString();
        ModelManifest manifest;
        try (InputStream in = Files.newInputStream(directory.resolve(MANIFEST))) {
            manifest = parse(in, where);
        } catch (IOException e) {
            throw new ModelLoadException(where, "Model '" + where + "': model.json cannot be read.", e);
        }
        verifyHashes(manifest, directory);
        return new ModelPackage(manifest, directory);
    }

    static void verifyHashes(ModelManifest manifest, Path directory) {
        for (String name : ModelManifest.REQUIRED_COMPONENTS) {
            ComponentFile component = manifest.components().get(name);
            Path file = directory.resolve(component.file());
            String actual;
            try {
                actual = Sha256.of(file);
            } catch (IOException e) {
                throw new ModelLoadException(manifest.id(), "Model '" + manifest.id() + "': component " + name
                        + " (" + component.file() + ") is missing or unreadable.", e);
            }
            if (!actual.equals(component.sha256().toLowerCase(Locale.ROOT))) {
                throw new ModelLoadException(manifest.id(), "Model '" + manifest.id() + "': component " + name
                        + " (" + component.file() + ") does not match the sha256 in model.json;"
                        + " the file is damaged or was replaced.", null);
            }
        }
    }

    private static void validate(ModelManifest m, String where) {
        String id = m.id() != null ? m.id() : where;
        if (m.formatVersion() != ModelManifest.SUPPORTED_FORMAT_VERSION) {
            fail(id, "formatVersion " + m.formatVersion() + " is not supported (this Atelier reads version "
                    + ModelManifest.SUPPORTED_FORMAT_VERSION + ")");
        }
        if (m.id() == null || !SAFE_ID.matcher(m.id()).matches()) {
            fail(id, "id must be lowercase letters, digits, '.', '_' or '-'");
        }
        require(id, m.nativeWidth() > 0 && m.nativeHeight() > 0, "nativeWidth and nativeHeight must be positive");
        require(id, m.latentChannels() > 0, "latentChannels must be positive");
        require(id, m.vaeScaleFactor() > 0, "vaeScaleFactor must be positive");
        require(id, m.latentScalingFactor() > 0, "latentScalingFactor must be positive");
        require(id, "epsilon".equals(m.predictionType()) || "v_prediction".equals(m.predictionType()),
                "predictionType must be epsilon or v_prediction");
        require(id, m.sizeMultiple() == null || (m.sizeMultiple() > 0 && m.sizeMultiple() % m.vaeScaleFactor() == 0),
                "sizeMultiple must be a positive multiple of vaeScaleFactor");
        for (DrawableSize size : m.effectiveDrawableSizes()) {
            require(id, size.width() % m.effectiveSizeMultiple() == 0 && size.height() % m.effectiveSizeMultiple() == 0
                    && (long) size.width() * size.height() <= m.effectiveMaxPixels(), "drawableSizes: "
                    + size.width() + "x" + size.height() + " is not a size the model accepts (multiples of "
                    + m.effectiveSizeMultiple() + ", at most " + m.effectiveMaxPixels() + " pixels)");
        }
        require(id, m.dtype() == null || "float32".equals(m.dtype()) || "float16".equals(m.dtype()),
                "dtype must be float32 or float16");
        SchedulerSettings s = m.scheduler();
        require(id, s != null, "scheduler is missing");
        require(id, s.trainTimesteps() >= 2, "scheduler.trainTimesteps must be at least 2");
        require(id, "linear".equals(s.betaSchedule()) || "scaled_linear".equals(s.betaSchedule()),
                "scheduler.betaSchedule must be linear or scaled_linear");
        require(id, s.defaultSteps() >= 1, "scheduler.defaultSteps must be at least 1");
        require(id, s.defaultSampler() != null, "scheduler.defaultSampler is missing");
        require(id, m.text() != null && m.text().maxLength() > 0 && m.text().hiddenSize() > 0,
                "text.maxLength and text.hiddenSize must be positive");
        if (m.preview() != null) {
            require(id, m.preview().latentRgbFactors() != null
                    && m.preview().latentRgbFactors().size() == m.latentChannels()
                    && m.preview().latentRgbFactors().stream().allMatch(row -> row.size() == 3),
                    "preview.latentRgbFactors must hold one [r, g, b] row per latent channel");
            require(id, m.preview().rgbBias() == null || m.preview().rgbBias().size() == 3,
                    "preview.rgbBias must hold 3 values");
        }
        require(id, m.components() != null, "components is missing");
        for (String name : ModelManifest.REQUIRED_COMPONENTS) {
            ComponentFile c = m.components().get(name);
            require(id, c != null && c.file() != null && c.sha256() != null,
                    "components." + name + " needs file and sha256");
            require(id, SAFE_FILE_NAME.matcher(c.file()).matches() && !c.file().contains(".."),
                    "components." + name + ".file must be a plain file name inside the package");
        }
    }

    private static void require(String id, boolean condition, String problem) {
        if (!condition) {
            fail(id, problem);
        }
    }

    private static void fail(String id, String problem) {
        throw new ModelLoadException(id, "Model '" + id + "': model.json is not valid: " + problem + ".", null);
    }
}
