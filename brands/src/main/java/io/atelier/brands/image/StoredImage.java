package io.atelier.brands.image;

import java.time.Instant;

/**
 * An image's metadata; its bytes live in the blob store under {@code sha256}.
 *
 * @param id        {@code hex(sha256(brand + "\0" + sha256))[0..32]}: stable for the same bytes and brand, the same
 *                  scheme as the bridge's image ids
 * @param brand     owning brand; null for brand-less images
 * @param sha256    hex SHA-256 of the bytes
 * @param mime      {@code image/png} or {@code image/jpeg}
 * @param width     pixels
 * @param height    pixels
 * @param size      bytes
 * @param createdAt first stored
 */
public record StoredImage(String id, String brand, String sha256, String mime, int width, int height, long size,
                          Instant createdAt) {

    public String extension() {
        return mime.equals("image/png") ? "png" : "jpg";
    }
}
