package io.atelier.preview.render;

import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;

import java.util.List;

/**
 * The lights of a scene as data. The sun casts shadows; fills stand in for skylight and bounce (PBR in jME
 * needs a baked probe for ambient light, fills are cheaper and deterministic); lamps are point lights.
 */
public record LightRig(Vector3f sunDirection, ColorRGBA sun, float shadowStrength, List<Fill> fills,
                       List<Vector3f> lamps, ColorRGBA lamp, float lampRadius, ColorRGBA background) {

    public record Fill(Vector3f direction, ColorRGBA colour) {
    }
}
