package io.atelier.brands.image;

/**
 * What was learnt of an image from its header.
 *
 * @param mime      {@code image/png} or {@code image/jpeg}
 * @param extension {@code png} or {@code jpg}, the blob file extension
 * @param width     pixels
 * @param height    pixels
 */
public record ImageInfo(String mime, String extension, int width, int height) {
}
