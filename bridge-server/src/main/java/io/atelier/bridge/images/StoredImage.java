package io.atelier.bridge.images;

import io.atelier.protocol.ImageRef;

/**
 * An image as the bridge keeps it.
 *
 * @param ref what clients see
 * @param brand the brand it belongs to; null when brand-less
 * @param png the encoded bytes
 */
public record StoredImage(ImageRef ref, String brand, byte[] png) {
}
