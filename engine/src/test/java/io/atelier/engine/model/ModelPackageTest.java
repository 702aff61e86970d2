package io.atelier.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.ModelLoadException;
import io.atelier.engine.UnknownModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json reading, hash checks and the registry; no DJL needed. */
class ModelPackageTest {
    @TempDir
    Path temp;

    @Test
    void the_embedded_tiny_package_opens_with_every_hash_checked() {
        ModelRegistry registry = new ModelRegistry(temp.resolve("home"), temp.resolve("cache"));
        ModelPackage tiny = registry.open(null);
        assertEquals("atelier-tiny", tiny.id());
        assertTrue(Files.isRegularFile(tiny.component(ModelManifest.UNET)));
        assertEquals(64, tiny.manifest().nativeWidth());
    }

    @Test
    void a_damaged_component_fails_with_a_message_naming_model_and_component() throws IOException {
        Path folder = TestPackages.copyTiny(temp.resolve("home/models/tiny-copy"));
        byte[] unet = Files.readAllBytes(folder.resolve("unet.pt"));
        unet[unet.length / 2] ^= 0x5A;
        Files.write(folder.resolve("unet.pt"), unet);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelPackageReader.open(folder));
        assertTrue(e.getMessage().contains("'atelier-tiny'"), e.getMessage());
        assertTrue(e.getMessage().contains("component unet (unet.pt)"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
        assertFalse(e.getMessage().contains(temp.toString()), "no filesystem path in the message");
    }

    @Test
    void an_unsupported_format_version_is_refused_clearly() throws IOException {
        Path folder = TestPackages.copyTiny(temp.resolve("pkg"));
        String json = Files.readString(folder.resolve("model.json")).replace("\"formatVersion\": 1", "\"formatVersion\": 9");
        Files.writeString(folder.resolve("model.json"), json);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelPackageReader.open(folder));
        assertTrue(e.getMessage().contains("formatVersion 9 is not supported"), e.getMessage());
    }

    @Test
    void declared_drawable_sizes_are_read_and_one_the_model_cannot_accept_is_refused() throws IOException {
        Path folder = TestPackages.copyTiny(temp.resolve("pkg"));
        String json = Files.readString(folder.resolve("model.json"));
        Files.writeString(folder.resolve("model.json"), json.replace("\"formatVersion\": 1",
                "\"formatVersion\": 1, \"drawableSizes\": [{\"width\": 64, \"height\": 64}, {\"width\": 64, \"height\": 96}]"));
        assertEquals(List.of(new DrawableSize(64, 64), new DrawableSize(64, 96)),
                ModelPackageReader.open(folder).manifest().effectiveDrawableSizes());

        Files.writeString(folder.resolve("model.json"), json.replace("\"formatVersion\": 1",
                "\"formatVersion\": 1, \"drawableSizes\": [{\"width\": 64, \"height\": 100}]"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelPackageReader.open(folder));
        assertTrue(e.getMessage().contains("drawableSizes: 64x100"), e.getMessage());
    }

    @Test
    void a_component_file_outside_the_package_is_refused() throws IOException {
        Path folder = TestPackages.copyTiny(temp.resolve("pkg"));
        String json = Files.readString(folder.resolve("model.json")).replace("\"unet.pt\"", "\"../unet.pt\"");
        Files.writeString(folder.resolve("model.json"), json);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelPackageReader.open(folder));
        assertTrue(e.getMessage().contains("components.unet.file"), e.getMessage());
    }

    @Test
    void the_registry_lists_folder_packages_and_knows_the_default() throws IOException {
        Path home = temp.resolve("home");
        Path folder = TestPackages.copyTiny(home.resolve("models/house-style"));
        TestPackages.replaceComponent(folder, "unet", folder.resolve("unet.pt"), "house-style");
        Files.createDirectories(home.resolve("models/broken"));
        Files.writeString(home.resolve("models/broken/model.json"), "{not json");
        ModelRegistry registry = new ModelRegistry(home, temp.resolve("cache"));

        List<ModelDescriptor> models = registry.list();
        assertEquals(List.of("atelier-tiny", "house-style"), models.stream().map(ModelDescriptor::id).toList());
        assertTrue(models.get(0).isDefault());
        assertEquals(1, registry.problems().size());
        assertTrue(registry.problems().get(0).contains("model.json is not valid JSON"), registry.problems().get(0));

        registry.setDefault("house-style");
        assertEquals("house-style", registry.defaultModelId());
        assertEquals("house-style", registry.open(null).id());
        assertThrows(UnknownModelException.class, () -> registry.open("nope"));
    }

    @Test
    void an_embedded_default_registered_by_the_application_wins_over_the_tiny_model() {
        ModelRegistry registry = new ModelRegistry(temp.resolve("home"), temp.resolve("cache"));
        // The tiny package stands in for the application's embedded atelier-micro here.
        registry.registerEmbedded(getClass().getClassLoader(), ModelRegistry.TINY_MODEL_FOLDER + "/", true);
        assertEquals("atelier-tiny", registry.defaultModelId());
        assertEquals(1, registry.list().stream().filter(ModelDescriptor::isDefault).count());
    }
}
