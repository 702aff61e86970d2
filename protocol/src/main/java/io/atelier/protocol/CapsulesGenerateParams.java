package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code capsules.generate}: a capsule, a small coherent collection in a brand's codes, as one job. The
 * bridge plans the looks (which categories each look combines, which palette colour, pattern and details each piece
 * takes: every look uses the palette, no two looks are the same), draws every piece, checks each with the judge
 * (a piece read as another category or colour is drawn again with another seed, a few times at most) and answers the
 * pieces, a contact sheet, the spec sheets as JSON and a PDF (see {@link io.atelier.protocol.service.CapsulesService}).
 *
 * @param brand brand id (required): its palette, languages and house words
 * @param theme a few words for the capsule ({@code "bord de mer"}), printed on the sheets; null for none
 * @param looks number of looks, 2..12 (required)
 * @param piecesPerLook pieces in each look, 1..4; null: 3
 * @param categories canonical categories the capsule may use ({@code [dress, trousers, handbag]}); null: the house's
 *     own (all taxonomy categories for a brand that declares none). An unknown one answers -32602 with field
 *     {@code categories}
 * @param palette colours the pieces are drawn in, as in {@code images.generate} (brand palette names or
 *     {@code #rrggbb}); null: the brand's palette
 * @param seed same seed, same capsule; null picks one (each piece's seed is in its spec sheet)
 * @param model model id; null for the default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapsulesGenerateParams(
        @JsonProperty(required = true) String brand,
        String theme,
        @JsonProperty(required = true) Integer looks,
        Integer piecesPerLook,
        List<String> categories,
        List<String> palette,
        Long seed,
        String model) {
}
