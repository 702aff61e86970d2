package io.atelier.micro.train;

/**
 * Deterministic stream of training examples: the same seed always gives the same example, so
 * training needs no dataset on disk and a resumed run sees exactly the data it would have seen.
 */
@FunctionalInterface
public interface CaptionedImageSource {
    CaptionedImage sample(long seed);
}
