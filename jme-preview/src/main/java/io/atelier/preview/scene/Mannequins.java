package io.atelier.preview.scene;

import com.jme3.material.Material;
import com.jme3.scene.Node;
import io.atelier.preview.garment.GarmentKind;

/**
 * Dress forms for showing garments: a matte head and neck above the garment, a brass pole and a round base
 * below. Dimensions match the garment builders (a standing figure, feet at y = 0).
 */
public final class Mannequins {
    private final MaterialFactory materials;

    public Mannequins(MaterialFactory materials) {
        this.materials = materials;
    }

    /** A form wearing {@code garment} (and, for tops, trousers underneath) standing at the node's origin. */
    public Node dressForm(GarmentKind kind, Node garment, Node trousersOrNull) {
        float pole = trousersOrNull != null ? 0f : kind == GarmentKind.DRESS ? 0.5f : 0.86f;
        return dressForm(kind, garment, trousersOrNull, pole);
    }

    /**
     * A form wearing a top (or a dress) and optionally something below it; {@code poleTop} is where the brass pole
     * meets the lowest cloth (0 when trousers reach the base).
     */
    public Node dressForm(GarmentKind kind, Node garment, Node bottomOrNull, float poleTop) {
        Node form = new Node("mannequin " + kind.id());
        Material skin = materials.solid(0xEDE9E3, 0.6f, 0f);
        Material brass = materials.solid(0xB8975A, 0.3f, 1f);
        if (kind == GarmentKind.HANDBAG) {
            Shapes.cylinder(form, "bag stand", skin, 0, 0f, 0, 0.16f, 0.9f);
            garment.setLocalTranslation(0, 0.9f, 0);
            form.attachChild(garment);
            return form;
        }
        Shapes.cylinder(form, "neck", skin, 0, 1.40f, 0, 0.055f, 0.17f);
        Shapes.sphere(form, "head", skin, 0, 1.66f, 0.01f, 0.105f);
        Shapes.cylinder(form, "base", materials.solid(0x2A2724, 0.4f, 0.3f), 0, 0f, 0, 0.22f, 0.03f);
        if (bottomOrNull != null) {
            form.attachChild(bottomOrNull);
        }
        if (poleTop > 0f) {
            Shapes.cylinder(form, "pole", brass, 0, 0.03f, 0, 0.015f, poleTop);
        }
        form.attachChild(garment);
        return form;
    }
}
