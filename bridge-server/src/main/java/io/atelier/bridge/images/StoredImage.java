package io.atelier.bridge.images;

import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ImageRef;

/**
 * An image as the bridge keeps it.
 *
 * @param ref what clients see
 * @param brand the brand it belongs to; null when brand-less
 * @param owner public id of the token that made a brand-less image; null for branded images (and for brand-less ones
 *     stored before owners were kept, which only the admin sees)
 * @param png the encoded bytes
 */
public record StoredImage(ImageRef ref, String brand, String owner, byte[] png) {
    /**
     * The one rule for who sees an image, wherever it is asked for ({@code GET /images}, an {@code {id}} input of a
     * redraw, a dataset or a preview, history): the admin sees all; a branded image, tokens scoped to its brand; a
     * brand-less image, only the token that made it, as {@code jobs.get} and {@code history.get} already hide
     * brand-less jobs and records from other tokens. Everyone else is told it does not exist.
     */
    public boolean visibleTo(Caller caller) {
        if (caller.scope().allBrands()) {
            return true;
        }
        return brand != null ? caller.scope().includes(brand) : owner != null && owner.equals(caller.tokenId());
    }
}
