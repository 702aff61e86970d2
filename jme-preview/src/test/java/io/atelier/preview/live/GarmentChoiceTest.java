package io.atelier.preview.live;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.render.PreviewRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GarmentChoiceTest {
    private final PreviewRequest template = PreviewRequest.garment(GarmentKind.DRESS, List.of(), 1);

    @Test
    void the_design_from_the_record_picks_the_garment_and_its_material() {
        GarmentDesign design = GarmentDesign.fromCanonicalTokens(List.of("pink", "solid", "skirt", "zip", "leather"));
        PreviewRequest r = GarmentChoice.FOLLOW_DESIGNS.apply(template, design);
        assertEquals(GarmentKind.SKIRT, r.garment());
        assertEquals(Fabric.LEATHER, r.fabric());
    }

    @Test
    void garment_and_material_on_the_command_line_override_the_design() {
        GarmentDesign design = new GarmentDesign(GarmentKind.SKIRT, Fabric.LEATHER);
        PreviewRequest r = new GarmentChoice(GarmentKind.TROUSERS, Fabric.WOOL).apply(template, design);
        assertEquals(GarmentKind.TROUSERS, r.garment());
        assertEquals(Fabric.WOOL, r.fabric());
        PreviewRequest kindOnly = new GarmentChoice(GarmentKind.TROUSERS, null).apply(template, design);
        assertEquals(Fabric.LEATHER, kindOnly.fabric(), "the design's material on the user's garment");
    }

    @Test
    void a_design_naming_nothing_keeps_the_viewers_garment_in_its_usual_material() {
        PreviewRequest r = GarmentChoice.FOLLOW_DESIGNS.apply(template, GarmentDesign.fromCanonicalTokens(List.of("red", "stripes")));
        assertEquals(GarmentKind.DRESS, r.garment());
        assertNull(r.fabricOrNull());
        assertEquals(GarmentKind.DRESS.defaultFabric(), r.fabric());
        assertEquals(new GarmentDesign(GarmentKind.BIKER_JACKET, Fabric.DENIM),
                GarmentDesign.fromCanonicalTokens(List.of("blue", "biker_jacket", "denim", "dress")), "first category wins");
    }
}
