package io.atelier.bridge.images;

import io.atelier.protocol.ImageRef;
import java.util.Optional;

/**
 * Where job results and previews live until a client fetches them from {@code GET /images/{id}.png}. Each image keeps
 * the brand it belongs to, so a scoped token cannot fetch another brand's image (it answers as not found).
 */
public interface ImageStore {
    /**
     * Stores a PNG.
     *
     * @param png the encoded PNG (its size is read from the header)
     * @param brandOrNull the brand the image belongs to; null for brand-less images, which every token may fetch
     * @return the reference to hand to clients
     * @throws io.atelier.bridge.rpc.AtelierException with {@code -32011} when the bytes are not a PNG
     */
    ImageRef put(byte[] png, String brandOrNull);

    /** The image with this id, or empty when there is none. */
    Optional<StoredImage> find(String id);
}
