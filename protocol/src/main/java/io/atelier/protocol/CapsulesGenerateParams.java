package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code capsules.generate}: a capsule, a small coherent collection in the brand's codes, as one job whose
 * results are the looks' flats in order.
 *
 * @param brand brand id
 * @param looks number of looks, 1..12
 * @param pieces canonical categories each look combines, e.g. {@code [biker_jacket, trousers, handbag]}; null lets the bridge choose
 * @param seed same seed, same capsule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapsulesGenerateParams(
        @JsonProperty(required = true) String brand,
        int looks,
        List<String> pieces,
        Long seed) {
}
