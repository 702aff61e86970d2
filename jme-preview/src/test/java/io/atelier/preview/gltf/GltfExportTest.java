package io.atelier.preview.gltf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void glb_carries_punctual_lights_cameras_and_materials_that_differ_by_fabric() throws IOException {
        Path silk = dir.resolve("silk.glb");
        Path denim = dir.resolve("denim.glb");
        BufferedImage print = TestFlats.stripedPrint(128);
        GltfSceneExporter.exportRequest(garment(GarmentKind.DRESS, Fabric.SILK, print, 4), silk);
        GltfSceneExporter.exportRequest(garment(GarmentKind.TROUSERS, Fabric.DENIM, print, 4), denim);

        JsonNode gltf = glbJson(silk);
        assertTrue(contains(gltf.path("extensionsUsed"), "KHR_lights_punctual"), "extensionsUsed: " + gltf.path("extensionsUsed"));
        JsonNode lights = gltf.path("extensions").path("KHR_lights_punctual").path("lights");
        assertTrue(lights.size() >= 2, "lights: " + lights);
        for (JsonNode light : lights) {
            assertEquals("directional", light.path("type").asText());
            assertTrue(light.path("intensity").asDouble() > 0, "intensity of " + light);
            assertEquals(3, light.path("color").size());
        }
        int lightNodes = 0;
        int cameraNodes = 0;
        for (JsonNode node : gltf.path("nodes")) {
            if (node.path("extensions").path("KHR_lights_punctual").has("light")) {
                lightNodes++;
                int index = node.path("extensions").path("KHR_lights_punctual").path("light").asInt();
                assertTrue(index >= 0 && index < lights.size());
                assertEquals(4, node.path("rotation").size(), "a directional light is aimed by its node's rotation");
            }
            if (node.has("camera")) {
                cameraNodes++;
                assertEquals(3, node.path("translation").size());
            }
        }
        assertEquals(lights.size(), lightNodes, "one node per light");
        JsonNode cameras = gltf.path("cameras");
        assertEquals(4, cameras.size(), "one camera per turntable view");
        assertEquals(4, cameraNodes);
        JsonNode perspective = cameras.get(0).path("perspective");
        assertEquals(Math.toRadians(30), perspective.path("yfov").asDouble(), 1e-4);
        assertEquals(1280.0 / 720.0, perspective.path("aspectRatio").asDouble(), 1e-4);

        // The first camera looks at the garment: its -Z axis points from its position towards the dress's middle.
        JsonNode first = null;
        for (JsonNode node : gltf.path("nodes")) {
            if (node.has("camera") && node.path("camera").asInt() == 0) {
                first = node;
            }
        }
        assertNotNull(first);
        com.jme3.math.Quaternion q = new com.jme3.math.Quaternion((float) first.path("rotation").get(0).asDouble(),
                (float) first.path("rotation").get(1).asDouble(), (float) first.path("rotation").get(2).asDouble(),
                (float) first.path("rotation").get(3).asDouble());
        com.jme3.math.Vector3f forward = q.mult(new com.jme3.math.Vector3f(0, 0, -1));
        com.jme3.math.Vector3f toGarment = new com.jme3.math.Vector3f(0, 1f, 0).subtract(new com.jme3.math.Vector3f(
                (float) first.path("translation").get(0).asDouble(), (float) first.path("translation").get(1).asDouble(),
                (float) first.path("translation").get(2).asDouble())).normalizeLocal();
        assertTrue(forward.dot(toGarment) > 0.98, "camera aims at the garment: " + forward + " vs " + toGarment);

        // Materials: the cloth's PBR factors are its fabric's, so silk and denim arrive different in Blender.
        assertEquals(Fabric.SILK.roughness(), clothRoughness(gltf), 1e-4);
        assertTrue(gltf.path("materials").toString().contains("\"dress silk\""), "material names: " + gltf.path("materials"));
        assertEquals(Fabric.DENIM.roughness(), clothRoughness(glbJson(denim)), 1e-4);
        // and the JglTF reader, as another consumer would, reads the same file back
        GltfModel model = new GltfModelReader().read(silk);
        assertEquals(4, model.getCameraModels().size());
    }

    @Test
    void store_export_carries_its_lamps_as_point_lights() throws IOException {
        Path file = dir.resolve("store-night.glb");
        GltfSceneExporter.exportRequest(PreviewRequest.store(List.of(), TimeOfDay.NIGHT, 3), file);
        JsonNode gltf = glbJson(file);
        long points = 0;
        for (JsonNode light : gltf.path("extensions").path("KHR_lights_punctual").path("lights")) {
            if ("point".equals(light.path("type").asText())) {
                points++;
                assertTrue(light.path("range").asDouble() > 0);
            }
        }
        assertTrue(points >= 2, "interior lamps: " + points);
        assertEquals(3, gltf.path("cameras").size(), "street, entrance, interior-wide");
    }

    private static PreviewRequest garment(GarmentKind kind, Fabric fabric, BufferedImage image, int views) {
        return PreviewRequest.garment(kind, List.of(image), views).withGarment(kind, fabric);
    }

    /** The roughness of the textured material (the cloth; the form's parts are untextured). */
    private static double clothRoughness(JsonNode gltf) {
        for (JsonNode material : gltf.path("materials")) {
            JsonNode pbr = material.path("pbrMetallicRoughness");
            if (pbr.has("baseColorTexture") && material.has("normalTexture")) {
                assertTrue(material.path("name").asText().contains(" "), "the cloth is named garment and fabric: " + material);
                return pbr.path("roughnessFactor").asDouble(1.0);
            }
        }
        throw new AssertionError("no cloth material in " + gltf.path("materials"));
    }

    /** The JSON chunk of a .glb, read by hand from the GLB container (12-byte header, then length + type + data). */
    private static JsonNode glbJson(Path file) throws IOException {
        ByteBuffer glb = ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46546C67, glb.getInt(0), "magic glTF");
        assertEquals(2, glb.getInt(4), "version");
        int length = glb.getInt(12);
        assertEquals(0x4E4F534A, glb.getInt(16), "first chunk is JSON");
        return new ObjectMapper().readTree(new String(glb.array(), 20, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (text.equals(item.asText())) {
                return true;
            }
        }
        return false;
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
