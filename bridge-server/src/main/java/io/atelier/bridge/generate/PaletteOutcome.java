package io.atelier.bridge.generate;

import io.atelier.brands.palette.PaletteEntry;
import io.atelier.brands.palette.PaletteLock;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a palette did to the drawn images: each garment measured against the entry it was asked in, locked onto the
 * palette when the request asked for it, and a note for every image whose garment the model left far from that entry,
 * so that a colour the model cannot approach is said, not hidden.
 *
 * @param images the images to store (locked, or as drawn)
 * @param notes one sentence per image the model left far from its colour
 */
record PaletteOutcome(List<BufferedImage> images, List<String> notes) {
    /**
     * ΔE*ab beyond which the drawn fill is not the asked colour. About ten times a just-noticeable difference: the
     * twelve taxonomy colours lie 25 to 90 apart, so a garment this far off reads as a neighbouring colour.
     */
    static final double FAR = 20;

    static PaletteOutcome of(List<BufferedImage> drawn, List<Long> seeds, PaletteSteering.Steer steer,
                             boolean masked) {
        List<BufferedImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        PaletteEntry asked = steer.chosen();
        boolean lock = steer.lock() && !masked;
        if (steer.lock() && masked) {
            notes.add("The palette lock was not applied: a masked redraw keeps every pixel outside its mask.");
        }
        for (int i = 0; i < drawn.size(); i++) {
            PaletteLock.Result locked = PaletteLock.lock(drawn.get(i), asked, steer.entries());
            images.add(lock ? locked.image() : drawn.get(i));
            if (locked.garmentPixels() > 0 && locked.deltaEBefore() > FAR) {
                notes.add(String.format(Locale.ROOT, "Seed %d: the model drew the garment at ΔE %.0f from '%s' (%s); %s",
                        seeds.get(i), locked.deltaEBefore(), asked.name(), asked.hex(),
                        lock ? "the palette lock moved it there." : "paletteLock would move it there."));
            }
        }
        return new PaletteOutcome(images, notes);
    }
}
