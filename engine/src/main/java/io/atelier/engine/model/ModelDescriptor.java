package io.atelier.engine.model;

import java.util.List;

/** What {@code models.list} tells about one installed model. */
public record ModelDescriptor(
        String id,
        String displayName,
        String family,
        int nativeWidth,
        int nativeHeight,
        boolean isDefault,
        boolean embedded,
        List<DrawableSize> drawableSizes) {
}
