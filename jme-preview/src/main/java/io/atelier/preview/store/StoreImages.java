package io.atelier.preview.store;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Generated images dressing the store: the first is the mural on the back wall, the second (or the first
 * again) the window display, and all of them, in turn, the flats printed on the garments.
 */
public record StoreImages(List<BufferedImage> images) {

    public StoreImages {
        images = List.copyOf(images);
    }

    public boolean isEmpty() {
        return images.isEmpty();
    }

    public BufferedImage mural() {
        return images.isEmpty() ? null : images.get(0);
    }

    public BufferedImage windowDisplay() {
        return images.isEmpty() ? null : images.get(images.size() > 1 ? 1 : 0);
    }

    /** The flat for the n-th garment on the shop floor (null when there are no images). */
    public BufferedImage garmentFlat(int n) {
        return images.isEmpty() ? null : images.get(n % images.size());
    }
}
