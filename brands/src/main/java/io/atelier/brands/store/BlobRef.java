package io.atelier.brands.store;

/**
 * A stored blob.
 *
 * @param sha256    lower-case hex SHA-256 of its bytes
 * @param extension file extension without the dot, e.g. {@code png}
 * @param size      bytes
 */
public record BlobRef(String sha256, String extension, long size) {
}
