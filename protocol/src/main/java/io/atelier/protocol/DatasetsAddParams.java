package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code datasets.add}: one image for a brand's curated training set.
 *
 * @param brand brand id
 * @param image PNG or JPEG; validated by magic bytes, pixel count checked before decoding
 * @param caption caption in the brand's vocabulary; null asks the bridge to propose one from the judge's attributes
 * @param tags free tags, e.g. {@code SS26}, {@code archive}
 * @param source where the image comes from, e.g. a file name, {@code history:<id>} or a photographer's credit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetsAddParams(
        @JsonProperty(required = true) String brand,
        @JsonProperty(required = true) ImageInput image,
        String caption,
        List<String> tags,
        String source) {
}
