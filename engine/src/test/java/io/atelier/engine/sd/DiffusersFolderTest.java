package io.atelier.engine.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.testing.Pixels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same weights as a diffusers folder (unet/, vae/, text_encoder/, diffusers names, the VAE's attention as linear
 * layers as diffusers writes it) load to the same networks as the single file, and install the same way.
 */
class DiffusersFolderTest {
    @TempDir
    Path home;

    /** Writes the tiny checkpoint as a diffusers folder, renaming through the one name table. */
    static void writeAsDiffusers(Path folder) throws IOException {
        Map<DiffusersNames.Part, SafeTensorsWriter> writers = new EnumMap<>(DiffusersNames.Part.class);
        for (DiffusersNames.Part part : DiffusersNames.Part.values()) {
            writers.put(part, new SafeTensorsWriter());
        }
        try (SafeTensorsFile file = SafeTensorsFile.open(TinyCheckpoint.path())) {
            DiffusersNames names = DiffusersNames.of(CheckpointInspector.inspect(file));
            for (TensorInfo info : file.tensors().values()) {
                String name = info.name();
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    continue; // the schedule's buffers: not part of a diffusers folder's networks
                }
                var module = names.diffusersModule(name.substring(0, dot));
                ByteBuffer data = file.bytes(name);
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                if (name.endsWith("embeddings.position_ids")) {
                    writers.get(DiffusersNames.Part.TEXT_ENCODER).add("text_model.embeddings.position_ids",
                            info.type(), info.shape(), bytes);
                } else if (module.isPresent()) {
                    long[] shape = info.shape();
                    boolean vaeAttention = module.get().part() == DiffusersNames.Part.VAE
                            && module.get().name().contains("attentions") && shape.length == 4;
                    writers.get(module.get().part()).add(module.get().name() + name.substring(dot), info.type(),
                            vaeAttention ? new long[] {shape[0], shape[1]} : shape, bytes);
                }
            }
        }
        for (DiffusersNames.Part part : DiffusersNames.Part.values()) {
            Files.createDirectories(folder.resolve(part.folder()));
            writers.get(part).write(folder.resolve(part.folder()).resolve(part == DiffusersNames.Part.TEXT_ENCODER
                    ? "model.safetensors" : "diffusion_pytorch_model.safetensors"));
        }
    }

    @Test
    void a_diffusers_folder_gives_the_networks_of_the_single_file() throws IOException {
        Path folder = home.resolve("house-diffusers");
        writeAsDiffusers(folder);
        try (TensorSource single = SafeTensorsFile.open(TinyCheckpoint.path());
             TensorSource diffusers = DiffusersFolder.open(folder);
             SafeTensorsFile fixtures = SafeTensorsFile.open(TinyCheckpoint.fixtures());
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Sd1Config config = CheckpointInspector.inspect(diffusers);
            assertEquals(CheckpointInspector.inspect(single).text(), config.text());
            try (Sd1Model a = Sd1Model.load(single, config, Device.cpu(), DataType.FLOAT32);
                 Sd1Model b = Sd1Model.load(diffusers, config, Device.cpu(), DataType.FLOAT32)) {
                var sample = fixtures.array(manager, "unet.sample");
                var t = fixtures.array(manager, "unet.timesteps");
                var context = fixtures.array(manager, "unet.context");
                assertArrayEquals(a.predictNoise(sample, t, context).toFloatArray(),
                        b.predictNoise(sample, t, context).toFloatArray());
                var z = fixtures.array(manager, "vae.decode.z");
                assertArrayEquals(a.decode(z).toFloatArray(), b.decode(z).toFloatArray());
                var ids = fixtures.array(manager, "text.input_ids");
                assertArrayEquals(a.encodeText(ids).toFloatArray(), b.encodeText(ids).toFloatArray());
            }
        }
    }

    @Test
    void a_diffusers_folder_in_the_models_folder_is_listed_and_generates_like_the_file() throws IOException {
        Files.createDirectories(home.resolve("models"));
        writeAsDiffusers(home.resolve("models/House Diffusers"));
        Files.copy(TinyCheckpoint.path(), home.resolve("models/house-file.safetensors"));
        Path pickled = Files.createDirectories(home.resolve("models/old-pipeline"));
        for (String part : new String[] {"unet", "vae", "text_encoder"}) {
            Files.createDirectories(pickled.resolve(part));
        }
        Files.write(pickled.resolve("unet/diffusion_pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        assertTrue(registry.manifest("house-diffusers").isPresent(), registry.problems().toString());
        assertTrue(registry.problems().stream().anyMatch(p -> p.contains("'old-pipeline'") && p.contains("pickle")),
                registry.problems().toString());
        try (DiffusionEngine engine = new DiffusionEngine(registry, EngineOptions.defaults(home.resolve("cache")))) {
            GenerationRequest request = GenerationRequest.of("a red dress").withSize(64, 64).withSteps(2).withSeed(3L);
            var fromFolder = engine.generate(request.withModel("house-diffusers"), GenerationListener.NONE).images();
            var fromFile = engine.generate(request.withModel("house-file"), GenerationListener.NONE).images();
            assertEquals(0, Pixels.maxChannelDifference(fromFolder.get(0), fromFile.get(0)));
        }
    }
}
