package io.atelier.bridge.generate;

import java.awt.image.BufferedImage;

/**
 * An init image or mask as received and decoded.
 *
 * @param image the decoded pixels
 * @param bytes the PNG/JPEG bytes as given (or as stored)
 * @param storedId the id of the stored image it came from; null when it came as base64
 */
record InputImage(BufferedImage image, byte[] bytes, String storedId) {
}
