package io.atelier.brands.dataset;

import java.util.List;

/**
 * What an import did.
 *
 * @param added            images added
 * @param duplicates       images already in the dataset, left as they were
 * @param captionsProposed added images whose caption was proposed (to be confirmed)
 * @param captionsMissing  added images with no caption at all
 * @param rejected         files refused, with why
 */
public record ImportReport(int added, int duplicates, int captionsProposed, int captionsMissing,
                           List<Rejection> rejected) {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    /** A file that was not imported: its name in the folder or ZIP, and a sentence saying why. */
    public record Rejection(String name, String reason) {
    }
}
