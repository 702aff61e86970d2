package io.atelier.preview.live;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.render.PreviewRequest;

/**
 * What the user pinned on the command line ({@code --garment}, {@code --material}), against what each image was
 * designed as: a pinned value always wins; otherwise the garment scene sews the design's category in the design's
 * material, and falls back to the viewer's own garment (and that garment's usual material) where the record says
 * nothing.
 *
 * @param kindOrNull {@code --garment}, or null to follow the designs
 * @param fabricOrNull {@code --material}, or null to follow the designs
 */
public record GarmentChoice(GarmentKind kindOrNull, Fabric fabricOrNull) {
    public static final GarmentChoice FOLLOW_DESIGNS = new GarmentChoice(null, null);

    /** The template request dressed for {@code design}. */
    public PreviewRequest apply(PreviewRequest template, GarmentDesign design) {
        GarmentKind kind = design.kind(kindOrNull, template.garment());
        return template.withGarment(kind, design.fabric(fabricOrNull));
    }
}
