package io.atelier.preview.live;

import io.atelier.preview.garment.GarmentDesign;

import java.awt.image.BufferedImage;

/** A picture to show and what it was designed as ({@link GarmentDesign#UNKNOWN} for a local file or a foreign image). */
public record GeneratedImage(BufferedImage image, GarmentDesign design) {

    public static GeneratedImage local(BufferedImage image) {
        return new GeneratedImage(image, GarmentDesign.UNKNOWN);
    }
}
