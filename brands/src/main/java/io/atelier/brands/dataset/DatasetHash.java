package io.atelier.brands.dataset;

import io.atelier.brands.store.BlobStore;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The identity of a dataset as a model learns it: SHA-256 over its items' image hashes and captions, sorted so that
 * the order items were added in does not matter, and captions included because a changed caption teaches something
 * else. Tags and sources are not part of it: they do not reach training.
 */
public final class DatasetHash {

    private DatasetHash() {
    }

    public static String of(List<DatasetItem> items) {
        StringBuilder canonical = new StringBuilder();
        items.stream()
                .map(item -> item.image().sha256() + "\t" + (item.caption() == null ? "" : item.caption()) + "\n")
                .sorted(Comparator.naturalOrder())
                .forEach(canonical::append);
        return BlobStore.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }
}
