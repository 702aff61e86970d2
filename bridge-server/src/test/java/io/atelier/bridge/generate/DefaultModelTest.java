package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.model.ModelRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default model switches to atelier-micro by itself once its package is on the classpath. */
class DefaultModelTest {
    @TempDir
    Path temp;

    @Test
    void without_the_micro_package_the_tiny_model_is_the_default() {
        ModelRegistry registry = new ModelRegistry(temp.resolve("home"), temp.resolve("cache"));
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertFalse(GenerationEngines.registerMicroIfPresent(registry, empty));
        assertEquals("atelier-tiny", registry.defaultModelId());
    }

    @Test
    void with_the_micro_package_on_the_classpath_atelier_micro_is_the_default() throws Exception {
        // A stand-in micro jar: a classpath folder holding a package named atelier-micro at the micro module's path.
        Path classpath = temp.resolve("micro-classes");
        GenerationTestBridge.copyTiny(classpath.resolve(GenerationEngines.MICRO_MODEL_FOLDER.substring(1)),
                "atelier-micro");
        ModelRegistry registry = new ModelRegistry(temp.resolve("home"), temp.resolve("cache"));
        try (URLClassLoader micro = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
            assertTrue(GenerationEngines.registerMicroIfPresent(registry, micro));
        }
        assertEquals("atelier-micro", registry.defaultModelId());
        assertTrue(new EngineModelCatalog(registry).models().get(0).isDefault());
        assertEquals("atelier-micro", new EngineModelCatalog(registry).models().get(0).id());
    }
}
