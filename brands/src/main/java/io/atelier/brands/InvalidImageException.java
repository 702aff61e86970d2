package io.atelier.brands;

/**
 * An image that is not a PNG or JPEG, is malformed, or has more pixels than allowed (checked from its header before
 * any decoding). The bridge maps it to {@code -32011} (invalid image), or {@code -32005} when {@link #tooLarge()}.
 */
public final class InvalidImageException extends InvalidInputException {

    private final boolean tooLarge;

    public InvalidImageException(String field, String reason, boolean tooLarge) {
        super(field, reason);
        this.tooLarge = tooLarge;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
