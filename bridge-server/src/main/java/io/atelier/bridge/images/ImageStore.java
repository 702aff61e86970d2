package io.atelier.bridge.images;

import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ImageRef;
import java.util.Optional;

/**
 * Where job results live, and a running job's previews until it ends, for {@code GET /images/{id}.png}. Each image keeps
 * the brand it belongs to, or for a brand-less one the token that made it, so that no token fetches what it may not
 * see (it answers as not found).
 */
public interface ImageStore {
    /**
     * Stores a PNG.
     *
     * @param png the encoded PNG (its size is read from the header)
     * @param brandOrNull the brand the image belongs to; null for a brand-less image
     * @param ownerTokenId public id of the token it is made for: a brand-less image is visible to that token (and the
     *     admin) only, see {@link StoredImage#visibleTo}; null for work nobody in particular asked for
     * @return the reference to hand to clients
     * @throws io.atelier.bridge.rpc.AtelierException with {@code -32011} when the bytes are not a PNG
     */
    ImageRef put(byte[] png, String brandOrNull, String ownerTokenId);

    /**
     * Stores a document a job answers beside its images (a capsule's spec sheets, its PDF), under the same scope rules,
     * fetched from {@code /images/{id}.json} or {@code .pdf}.
     *
     * @param mime {@code application/json} or {@code application/pdf}
     */
    default ImageRef putDocument(byte[] bytes, String mime, String brandOrNull, String ownerTokenId) {
        throw new UnsupportedOperationException("this store keeps images only");
    }

    /**
     * The image (or document) with this id when {@code caller} may see it ({@link StoredImage#visibleTo}); empty when
     * there is none and when it is another brand's or another token's: the two answer alike. The only lookup there is,
     * so that no service can fetch an image by forgetting a check.
     */
    Optional<StoredImage> find(String id, Caller caller);

    /**
     * Deletes an image nobody will ask for again (a finished job's progress previews); an unknown id is ignored. Only
     * for images the caller made itself: ids are content-addressed within a scope, so this is for pixels unique to
     * their maker (a preview carries its job's history record id).
     */
    void forget(String id);
}
