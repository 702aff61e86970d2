package io.atelier.bridge.brands;

import io.atelier.brands.BrandScope;
import io.atelier.bridge.rpc.Caller;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.image.ImageRepository;
import io.atelier.brands.image.StoredImage;
import io.atelier.bridge.images.ImageStore;
import io.atelier.protocol.ImageRef;

import java.util.Optional;

/**
 * The bridge's image store, plus the images the brands module keeps (dataset images, in its content-addressed blobs),
 * so that {@code GET /images/{id}.png} serves both. Both use the same id scheme (brand + content hash). New images go
 * to the bridge's own store; brand scope is checked by the caller, from the brand each image carries.
 */
public final class BrandAwareImageStore implements ImageStore {

    private final ImageStore generated;
    private final ImageRepository brandImages;

    public BrandAwareImageStore(ImageStore generated, ImageRepository brandImages) {
        this.generated = generated;
        this.brandImages = brandImages;
    }

    @Override
    public ImageRef put(byte[] png, String brandOrNull, String ownerTokenId) {
        return generated.put(png, brandOrNull, ownerTokenId);
    }

    @Override
    public ImageRef putDocument(byte[] bytes, String mime, String brandOrNull, String ownerTokenId) {
        return generated.putDocument(bytes, mime, brandOrNull, ownerTokenId);
    }

    @Override
    public void forget(String id) {
        generated.forget(id);
    }

    @Override
    public Optional<io.atelier.bridge.images.StoredImage> find(String id, Caller caller) {
        Optional<io.atelier.bridge.images.StoredImage> found = generated.find(id, caller);
        if (found.isPresent()) {
            return found;
        }
        try {
            // Read as the bridge, then judged by the same rule as generated images (a brand-less dataset image has no
            // maker recorded: only the admin token sees it).
            StoredImage image = brandImages.get(BrandScope.admin(), id);
            byte[] bytes = brandImages.bytes(BrandScope.admin(), id);
            return Optional.of(new io.atelier.bridge.images.StoredImage(ProtocolMapping.image(image), image.brand(), null,
                    bytes)).filter(stored -> stored.visibleTo(caller));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
