package io.atelier.micro.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.micro.model.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageExportTest {

    @TempDir
    Path tmp;

    @Test
    void export_writes_a_package_whose_hashes_verify_and_whose_components_have_the_contract_shapes() throws Exception {
        Path pkg = tmp.resolve("atelier-micro");
        ModelManifest.Settings settings = new ModelManifest.Settings("epsilon", "linear", 1e-4f, 0.02f, 1000, 20, 4f, 1.25f);
        try (TrainableModule text = load(AtelierMicroModel.TEXT_ENCODER); TrainableModule unet = load(AtelierMicroModel.UNET);
             TrainableModule dec = load(AtelierMicroModel.VAE_DECODER); TrainableModule enc = load(AtelierMicroModel.VAE_ENCODER)) {
            PackageExporter.export(pkg, ShippedPackage.component(AtelierMicroModel.TOKENIZER), settings,
                    new PackageExporter.Component(AtelierMicroModel.TEXT_ENCODER, text, null),
                    new PackageExporter.Component(AtelierMicroModel.UNET, unet, null),
                    new PackageExporter.Component(AtelierMicroModel.VAE_DECODER, dec, null),
                    new PackageExporter.Component(AtelierMicroModel.VAE_ENCODER, enc, null));
        }
        assertEquals(List.of(), ModelManifest.verify(pkg));
        JsonNode json = new ObjectMapper().readTree(pkg.resolve(AtelierMicroModel.MODEL_JSON).toFile());
        assertEquals(1.25, json.get("latentScalingFactor").asDouble(), 1e-6);
        assertContractShapes(pkg);

        Files.write(pkg.resolve(AtelierMicroModel.UNET), new byte[] {1, 2, 3});
        assertEquals(List.of("unet"), ModelManifest.verify(pkg));
    }

    @Test
    void shipped_package_verifies_and_follows_the_contract() throws Exception {
        Path pkg = ShippedPackage.dir();
        assertEquals(List.of(), ModelManifest.verify(pkg));
        JsonNode json = new ObjectMapper().readTree(pkg.resolve(AtelierMicroModel.MODEL_JSON).toFile());
        assertEquals(1, json.get("formatVersion").asInt());
        assertEquals("atelier-micro", json.get("id").asText());
        assertEquals(128, json.get("nativeWidth").asInt());
        assertEquals(8, json.get("vaeScaleFactor").asInt());
        assertEquals(16, json.get("text").get("maxLength").asInt());
        assertEquals(64, json.get("text").get("hiddenSize").asInt());
        assertTrue(json.get("latentScalingFactor").asDouble() > 0);
        long bytes = 0;
        for (String f : AtelierMicroModel.FILES) {
            bytes += Files.size(pkg.resolve(f));
        }
        assertTrue(bytes < 40L * 1024 * 1024, "package must stay under 40 MB: " + bytes);
        assertContractShapes(pkg);
    }

    private static void assertContractShapes(Path pkg) {
        try (TrainableModule text = TrainableModule.load(pkg.resolve(AtelierMicroModel.TEXT_ENCODER));
             TrainableModule unet = TrainableModule.load(pkg.resolve(AtelierMicroModel.UNET));
             TrainableModule dec = TrainableModule.load(pkg.resolve(AtelierMicroModel.VAE_DECODER));
             TrainableModule enc = TrainableModule.load(pkg.resolve(AtelierMicroModel.VAE_ENCODER));
             NDManager m = text.manager().newSubManager()) {
            NDArray states = text.forward(false, m.zeros(new Shape(2, 16), DataType.INT64));
            assertEquals(new Shape(2, 16, 64), states.getShape());
            NDArray eps = unet.forward(false, m.randomNormal(new Shape(2, 4, 16, 16)), m.create(new float[] {1f, 999f}), states);
            assertEquals(new Shape(2, 4, 16, 16), eps.getShape());
            NDArray image = dec.forward(false, m.randomNormal(new Shape(2, 4, 16, 16)).mul(3));
            assertEquals(new Shape(2, 3, 128, 128), image.getShape());
            assertTrue(image.max().getFloat() <= 1f && image.min().getFloat() >= -1f, "decoder output in [-1, 1]");
            NDArray latent = enc.forward(false, m.zeros(new Shape(2, 3, 128, 128)));
            assertEquals(new Shape(2, 4, 16, 16), latent.getShape());
        }
    }

    private static TrainableModule load(String file) {
        return TrainableModule.load(ShippedPackage.component(file));
    }
}
