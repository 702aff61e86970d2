package io.atelier.brands.dataset;

import io.atelier.brands.image.StoredImage;

import java.time.Instant;
import java.util.List;

/**
 * One curated image of a brand's dataset.
 *
 * @param itemId          item id
 * @param brand           owning brand
 * @param image           the stored image (its {@code sha256} is what duplicates are found by)
 * @param caption         caption in the house vocabulary; null when none was given nor could be proposed
 * @param captionProposed true when the caption was proposed by the bridge and awaits the user's confirmation
 * @param tags            free tags
 * @param source          where it came from: file name, {@code history:<id>}, a credit
 * @param addedAt         when it was added
 */
public record DatasetItem(String itemId, String brand, StoredImage image, String caption, boolean captionProposed,
                          List<String> tags, String source, Instant addedAt) {

    public DatasetItem {
        tags = List.copyOf(tags);
    }
}
