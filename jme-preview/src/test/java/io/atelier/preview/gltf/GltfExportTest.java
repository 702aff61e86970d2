package io.atelier.preview.gltf;

import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.ImageModel;
import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.store.TimeOfDay;
import io.atelier.preview.texture.TestFlats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GltfExportTest {
    @TempDir
    Path dir;

    @Test
    void garment_exports_as_glb_with_its_fabric_material_and_embedded_textures() throws IOException {
        Path file = dir.resolve("dress.glb");
        GltfSceneExporter.exportRequest(PreviewRequest.garment(GarmentKind.DRESS, List.of(TestFlats.stripedDress(256)), 1), file);

        GltfModel model = new GltfModelReader().read(file);
        MaterialModelV2 cloth = model.getMaterialModels().stream().map(m -> (MaterialModelV2) m)
                .filter(m -> m.getBaseColorTexture() != null).findFirst().orElseThrow();
        assertEquals(Fabric.SILK.roughness(), cloth.getRoughnessFactor(), 1e-6);
        assertEquals(0f, cloth.getMetallicFactor(), 1e-6);
        assertNotNull(cloth.getNormalTexture(), "fabric normal map");

        BufferedImage albedo = decode(cloth.getBaseColorTexture().getImageModel());
        assertEquals(2 * albedo.getHeight(), albedo.getWidth(), "front and back panels side by side");
        // The front square's skirt centre carries the flat's red (glTF keeps the picture upright).
        int rgb = albedo.getRGB(albedo.getHeight() / 2, albedo.getHeight() * 3 / 4);
        assertTrue(((rgb >> 16) & 0xFF) > 150, "front panel shows the red flat");

        MeshPrimitiveModel primitive = model.getMeshModels().stream()
                .flatMap(m -> m.getMeshPrimitiveModels().stream())
                .filter(p -> p.getMaterialModel() == cloth).findFirst().orElseThrow();
        assertTrue(primitive.getAttributes().keySet().containsAll(List.of("POSITION", "NORMAL", "TEXCOORD_0")));
        assertNotNull(primitive.getIndices());
    }

    @Test
    void store_exports_as_gltf_with_data_uris_and_its_mural() throws IOException {
        Path file = dir.resolve("store.gltf");
        BufferedImage mural = TestFlats.stripedDress(128);
        GltfSceneExporter.exportRequest(PreviewRequest.store(List.of(mural), TimeOfDay.NOON, 1), file);

        String json = Files.readString(file);
        assertTrue(json.contains("data:image/png;base64,"), "textures embedded");
        assertTrue(!json.contains("\"sky\""), "the sky dome is not part of the exported scene");
        GltfModel model = new GltfModelReader().read(file);
        assertTrue(model.getNodeModels().size() > 100, "nodes: " + model.getNodeModels().size());
        assertTrue(model.getMaterialModels().size() > 10, "materials: " + model.getMaterialModels().size());
        boolean muralFound = false;
        for (ImageModel image : model.getImageModels()) {
            BufferedImage decoded = decode(image);
            if (decoded.getWidth() == 128 && decoded.getHeight() == 128) {
                muralFound = true;
            }
        }
        assertTrue(muralFound, "the mural travels as its own 128x128 image");
        for (MaterialModel m : model.getMaterialModels()) {
            assertTrue(m instanceof MaterialModelV2, "PBR metallic-roughness materials only");
        }
    }

    private static BufferedImage decode(ImageModel image) throws IOException {
        ByteBuffer data = image.getImageData();
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(decoded, "image decodes as PNG");
        return decoded;
    }
}
