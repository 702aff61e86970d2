package io.atelier.micro.train;

/** Training examples from the procedural flats generator, captioned with their canonical prompt. */
public final class FlatsImageSource {

    private FlatsImageSource() {}

    public static CaptionedImageSource standard() {
        throw new UnsupportedOperationException("flats generator not merged yet");
    }
}
