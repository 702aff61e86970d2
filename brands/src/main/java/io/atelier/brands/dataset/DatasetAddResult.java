package io.atelier.brands.dataset;

/**
 * What adding an image did.
 *
 * @param item      the item (the existing one when {@code duplicate})
 * @param duplicate the brand's dataset already held an image with the same hash; nothing was added
 * @param caption   how the item got its caption
 */
public record DatasetAddResult(DatasetItem item, boolean duplicate, CaptionOutcome caption) {

    /** How an added item got its caption. */
    public enum CaptionOutcome {
        /** the caller gave it */
        GIVEN,
        /** none was given; the {@link CaptionProposer} proposed the stored one, for the user to confirm */
        PROPOSED,
        /** none was given and none could be proposed: the item has no caption until the user writes one */
        NONE,
        /** a duplicate: the existing item's caption was kept */
        KEPT
    }

    /** The caption the bridge proposed, or null unless {@link CaptionOutcome#PROPOSED}. */
    public String proposedCaption() {
        return caption == CaptionOutcome.PROPOSED ? item.caption() : null;
    }
}
