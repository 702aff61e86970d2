package io.atelier.preview.store;

import com.jme3.material.Material;
import com.jme3.math.FastMath;
import com.jme3.scene.Node;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.scene.GarmentCatalog;
import io.atelier.preview.scene.GarmentSpatials;
import io.atelier.preview.scene.Mannequins;
import io.atelier.preview.scene.MaterialFactory;
import io.atelier.preview.scene.Shapes;
import io.atelier.preview.texture.FlatAnalysis;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Racks hung with garments, tables with folded stock and bags, podiums and the window plinth with mannequins. */
final class FixtureBuilder {
    private static final float RAIL_HEIGHT = 1.72f;
    private static final float GARMENT_SPACING = 0.44f;
    private static final GarmentKind[] RACK_KINDS = {GarmentKind.TSHIRT, GarmentKind.BIKER_JACKET, GarmentKind.DRESS};

    private final MaterialFactory materials;
    private final GarmentCatalog catalog;
    private final Mannequins mannequins;
    private int garmentCount;

    FixtureBuilder(MaterialFactory materials) {
        this.materials = materials;
        this.catalog = new GarmentCatalog(new GarmentSpatials(materials), 256);
        this.mannequins = new Mannequins(materials);
    }

    Node build(StoreLayout layout, StoreImages images) {
        Node node = new Node("fixtures");
        int racks = 0;
        for (Fixture f : layout.fixtures()) {
            Node fixture = switch (f.kind()) {
                case RACK -> rack(f, images, RACK_KINDS[racks++ % RACK_KINDS.length]);
                case TABLE -> table(f, images);
                case PODIUM -> podium(f, images);
                case WINDOW_PLINTH -> windowPlinth(f, images);
                case COUNTER -> counter(f);
            };
            fixture.setLocalTranslation(f.x(), 0f, f.z());
            fixture.rotate(0f, f.rotationY(), 0f);
            node.attachChild(fixture);
        }
        return node;
    }

    private BufferedImage nextFlat(StoreImages images) {
        return images.garmentFlat(garmentCount++);
    }

    /** A wall rack: brass rail on two uprights, garments side-hung and fanned so their fronts show. */
    private Node rack(Fixture f, StoreImages images, GarmentKind kind) {
        Node rack = new Node("rack");
        Material brass = materials.solid(0xB8975A, 0.28f, 1f);
        float half = f.width() / 2f;
        Shapes.rodX(rack, "rail", brass, 0, RAIL_HEIGHT, 0, 0.015f, f.width());
        Shapes.cylinder(rack, "upright left", brass, -half, 0f, 0, 0.018f, RAIL_HEIGHT);
        Shapes.cylinder(rack, "upright right", brass, half, 0f, 0, 0.018f, RAIL_HEIGHT);
        int count = Math.max(1, (int) ((f.width() - 0.2f) / GARMENT_SPACING));
        float top = kind == GarmentKind.BIKER_JACKET ? 1.53f : 1.47f;
        for (int i = 0; i < count; i++) {
            Node garment = catalog.garment(kind, nextFlat(images));
            float x = -half + 0.1f + (i + 0.5f) * (f.width() - 0.2f) / count;
            garment.setLocalTranslation(x, RAIL_HEIGHT - 0.09f - top, 0f);
            garment.rotate(0f, FastMath.DEG_TO_RAD * 45f, 0f); // fanned: fronts show, garments do not touch
            Shapes.box(rack, "hanger " + i, materials.solid(0x3B2A1E, 0.5f, 0f), x - 0.01f, RAIL_HEIGHT - 0.1f, -0.005f,
                    x + 0.01f, RAIL_HEIGHT, 0.005f);
            rack.attachChild(garment);
        }
        return rack;
    }

    /** An oak table with folded stacks in the garments' colours and a handbag. */
    private Node table(Fixture f, StoreImages images) {
        Node table = new Node("table");
        Material oak = materials.solid(0x8A6A4A, 0.5f, 0f);
        float hw = f.width() / 2f;
        float hd = f.depth() / 2f;
        Shapes.box(table, "table top", oak, -hw, 0.74f, -hd, hw, 0.78f, hd);
        Shapes.box(table, "table plinth", materials.solid(0x2A2724, 0.5f, 0.2f), -hw + 0.15f, 0f, -hd + 0.12f, hw - 0.15f, 0.74f, hd - 0.12f);
        for (int s = 0; s < 3; s++) {
            BufferedImage flat = nextFlat(images);
            Material cloth = materials.solid(foldColour(flat, s), 0.9f, 0f);
            float x = -hw + 0.25f + s * 0.36f;
            for (int layer = 0; layer < 4; layer++) {
                float y = 0.78f + layer * 0.045f;
                Shapes.box(table, "folded " + s + "." + layer, cloth, x - 0.15f, y, -0.12f, x + 0.15f, y + 0.042f, 0.14f);
            }
        }
        Node bag = catalog.garment(GarmentKind.HANDBAG, nextFlat(images));
        bag.setLocalTranslation(hw - 0.3f, 0.78f, 0f);
        bag.rotate(0f, -0.4f, 0f);
        table.attachChild(bag);
        return table;
    }

    /** A round white podium with a dressed mannequin. */
    private Node podium(Fixture f, StoreImages images) {
        Node podium = new Node("podium");
        Shapes.cylinder(podium, "podium", materials.solid(0xF1EEE9, 0.6f, 0f), 0, 0f, 0, f.width() / 2f, 0.22f);
        Node form = mannequins.dressForm(GarmentKind.DRESS, catalog.garment(GarmentKind.DRESS, nextFlat(images)), null);
        form.setLocalTranslation(0, 0.22f, 0);
        form.rotate(0f, 0.5f, 0f);
        podium.attachChild(form);
        return podium;
    }

    /** Behind the glass: a low plinth, two mannequins (a dress; a biker jacket over trousers) and a bag. */
    private Node windowPlinth(Fixture f, StoreImages images) {
        Node plinth = new Node("window plinth");
        float hw = f.width() / 2f;
        float hd = f.depth() / 2f;
        Shapes.box(plinth, "plinth", materials.solid(0xE7E1D8, 0.7f, 0f), -hw, 0f, -hd, hw, 0.3f, hd);
        Node dress = mannequins.dressForm(GarmentKind.DRESS, catalog.garment(GarmentKind.DRESS, nextFlat(images)), null);
        dress.setLocalTranslation(-hw * 0.05f, 0.3f, 0.05f);
        dress.rotate(0f, 0.25f, 0f);
        plinth.attachChild(dress);
        Node trousers = catalog.garment(GarmentKind.TROUSERS, nextFlat(images));
        Node jacket = mannequins.dressForm(GarmentKind.BIKER_JACKET, catalog.garment(GarmentKind.BIKER_JACKET, nextFlat(images)), trousers);
        jacket.setLocalTranslation(hw * 0.45f, 0.3f, 0f);
        jacket.rotate(0f, -0.35f, 0f);
        plinth.attachChild(jacket);
        Node bag = catalog.garment(GarmentKind.HANDBAG, nextFlat(images));
        Node bagStand = mannequins.dressForm(GarmentKind.HANDBAG, bag, null);
        bagStand.setLocalTranslation(hw * 0.8f, 0.3f, 0.2f);
        bagStand.setLocalScale(0.8f);
        plinth.attachChild(bagStand);
        return plinth;
    }

    private Node counter(Fixture f) {
        Node counter = new Node("counter");
        float hw = f.width() / 2f;
        float hd = f.depth() / 2f;
        Shapes.box(counter, "counter body", materials.solid(0x3B2A1E, 0.45f, 0f), -hw, 0f, -hd, hw, 0.95f, hd);
        Shapes.box(counter, "counter top", materials.solid(0xEFEAE2, 0.25f, 0f), -hw - 0.03f, 0.95f, -hd - 0.03f, hw + 0.03f, 0.99f, hd + 0.03f);
        return counter;
    }

    /** Folded stock takes the flats' colours, varied a little per layer so stacks read as separate pieces. */
    private static int foldColour(BufferedImage flat, int stack) {
        Color base = flat == null ? GarmentSpatials.houseColour(GarmentKind.values()[stack % 4]) : FlatAnalysis.of(flat).dominant();
        return base.getRGB() & 0xFFFFFF;
    }
}
