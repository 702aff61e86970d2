package io.atelier.preview.gltf;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.texture.TestFlats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The exported {@code .glb} opened by the real Blender (Debian's 3.4, {@code blender -b}) with its own glTF importer:
 * the preview's lights arrive as suns, its stills as cameras aimed at the garment, its cloth as a material named
 * after garment and fabric. Skipped with a message where Blender is not installed.
 */
class GltfBlenderImportTest {
    private static final String SCRIPT = """
            import sys
            import numpy
            # Debian's Blender 3.4 runs on the system numpy (1.24), which dropped np.bool that its glTF importer uses.
            if not hasattr(numpy, "bool"):
                numpy.bool = bool
            import bpy
            from mathutils import Vector
            bpy.ops.wm.read_factory_settings(use_empty=True)
            bpy.ops.import_scene.gltf(filepath=sys.argv[sys.argv.index("--") + 1])
            for o in bpy.context.scene.objects:
                if o.type == "LIGHT":
                    print("LIGHT", o.data.type, o.data.energy)
                if o.type == "CAMERA":
                    forward = o.matrix_world.to_quaternion() @ Vector((0.0, 0.0, -1.0))
                    to_garment = (Vector((0.0, 0.0, 1.0)) - o.matrix_world.translation).normalized()
                    print("CAMERA", o.name, forward.dot(to_garment))
            for m in bpy.data.materials:
                print("MATERIAL", m.name)
            """;

    @TempDir
    Path dir;

    @Test
    void blender_imports_the_lights_cameras_and_named_materials() throws Exception {
        String blender = onPath("blender");
        assumeTrue(blender != null, "skipped: blender is not installed (apt-get install blender)");
        Path glb = dir.resolve("skirt.glb");
        PreviewRequest request = PreviewRequest.garment(GarmentKind.SKIRT, List.of(TestFlats.stripedPrint(128)), 3)
                .withGarment(GarmentKind.SKIRT, Fabric.LEATHER);
        GltfSceneExporter.exportRequest(request, glb);
        Path script = dir.resolve("import.py");
        Files.writeString(script, SCRIPT);

        Process p = new ProcessBuilder(blender, "-b", "--factory-startup", "--python-exit-code", "2",
                "--python", script.toString(), "--", glb.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "blender finished");
        String output = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);

        List<String> lines = output.lines().toList();
        List<String> suns = lines.stream().filter(l -> l.startsWith("LIGHT SUN ")).toList();
        assertEquals(4, suns.size(), "key and three fills: " + output);
        double key = suns.stream().mapToDouble(l -> Double.parseDouble(l.split(" ")[2])).max().orElse(0);
        assertTrue(key > 1.0 && key < 5.0, "the key light is a sun of a daylight strength in W/m2: " + key);
        List<String> cameras = lines.stream().filter(l -> l.startsWith("CAMERA ")).toList();
        assertEquals(3, cameras.size(), output);
        for (String camera : cameras) {
            double aim = Double.parseDouble(camera.substring(camera.lastIndexOf(' ') + 1));
            assertTrue(aim > 0.95, "camera aimed at the garment: " + camera);
        }
        assertTrue(lines.contains("MATERIAL skirt leather"), output);
    }

    private static String onPath(String name) throws IOException {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
