package io.atelier.micro.train;

import io.atelier.micro.flats.FlatSample;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.model.AtelierMicroModel;

/** Training examples from the procedural flats generator, captioned with their canonical prompt. */
public final class FlatsImageSource {

    private FlatsImageSource() {}

    public static CaptionedImageSource standard() {
        return seed -> {
            FlatSample sample = FlatsGenerator.sample(seed, AtelierMicroModel.IMAGE_SIZE);
            return new CaptionedImage(sample.image(), sample.canonicalPrompt());
        };
    }
}
