package io.atelier.preview.gltf;

import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import io.atelier.preview.render.LightRig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scene's {@link LightRig} as {@code KHR_lights_punctual} lights, each on its own node: the sun and the fills as
 * directional lights, the lamps as point lights. glTF's photometric units are kept in proportion to what the preview
 * renders: one unit of jME light is {@link #LUX_PER_UNIT} lux for a directional light (Blender's importer turns
 * 683 lux into a sun of strength 1), and {@link #CANDELA_PER_UNIT} candela for a lamp (a 60 W bulb).
 */
final class GltfLights {
    static final String EXTENSION = "KHR_lights_punctual";
    static final float LUX_PER_UNIT = 683f;
    static final float CANDELA_PER_UNIT = 60f * 683f / (4f * (float) Math.PI);

    private final List<Map<String, Object>> lights = new ArrayList<>();
    private final List<DefaultNodeModel> nodes = new ArrayList<>();

    static GltfLights of(LightRig rig) {
        GltfLights out = new GltfLights();
        out.directional("sun", rig.sunDirection(), rig.sun());
        int i = 0;
        for (LightRig.Fill fill : rig.fills()) {
            out.directional("fill " + (++i), fill.direction(), fill.colour());
        }
        i = 0;
        if (rig.lamp().r + rig.lamp().g + rig.lamp().b > 0f) {
            for (Vector3f position : rig.lamps()) {
                out.point("lamp " + (++i), position, rig.lamp(), rig.lampRadius());
            }
        }
        return out;
    }

    /** The root extension object: {@code {"lights": [...]}}. */
    Map<String, Object> rootExtension() {
        return Map.of("lights", lights);
    }

    /** One node per light, carrying {@code {"light": index}}. */
    List<DefaultNodeModel> nodes() {
        return nodes;
    }

    private void directional(String name, Vector3f direction, ColorRGBA colour) {
        Map<String, Object> light = light(name, "directional", colour, LUX_PER_UNIT);
        DefaultNodeModel node = node(name, light);
        // glTF lights shine down their node's -Z: rotate -Z onto the light's direction of travel.
        node.setRotation(GltfCameras.rotationLookingAlong(direction));
    }

    private void point(String name, Vector3f position, ColorRGBA colour, float radius) {
        Map<String, Object> light = light(name, "point", colour, CANDELA_PER_UNIT);
        light.put("range", radius);
        DefaultNodeModel node = node(name, light);
        node.setTranslation(new float[] {position.x, position.y, position.z});
    }

    private DefaultNodeModel node(String name, Map<String, Object> light) {
        DefaultNodeModel node = new DefaultNodeModel();
        node.setName(name);
        node.addExtension(EXTENSION, Map.of("light", lights.size()));
        lights.add(light);
        nodes.add(node);
        return node;
    }

    /** Colour normalised to its brightest channel; the brightness goes to the intensity. */
    private static Map<String, Object> light(String name, String type, ColorRGBA colour, float unitsToPhotometric) {
        float peak = Math.max(1e-6f, Math.max(colour.r, Math.max(colour.g, colour.b)));
        Map<String, Object> light = new LinkedHashMap<>();
        light.put("name", name);
        light.put("type", type);
        light.put("color", List.of(colour.r / peak, colour.g / peak, colour.b / peak));
        light.put("intensity", peak * unitsToPhotometric);
        return light;
    }
}
