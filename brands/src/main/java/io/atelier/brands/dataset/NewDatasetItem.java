package io.atelier.brands.dataset;

import java.util.List;

/**
 * An image offered to a brand's dataset.
 *
 * @param bytes   PNG or JPEG bytes
 * @param caption caption; null or blank asks the {@link CaptionProposer} for one
 * @param tags    null for none
 * @param source  null for unknown
 */
public record NewDatasetItem(byte[] bytes, String caption, List<String> tags, String source) {
}
