package io.atelier.bridge.preview;

import io.atelier.brands.BrandStore;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.bridge.rpc.Caller;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.taxonomy.PromptStyle;

/**
 * What an image made by Atelier was designed as, from its history record: the designer's prompt read again through
 * the taxonomy and the brand's words (so "jupe en cuir" is a skirt in leather whatever the model wrote), as the 3D
 * viewer's live mode asks over the protocol. A record the caller may not read, or a prompt that names no garment,
 * gives {@link GarmentDesign#UNKNOWN}: the preview then drapes its default.
 */
final class RecordedDesigns {
    private final BrandStore brands;

    RecordedDesigns(BrandStore brands) {
        this.brands = brands;
    }

    GarmentDesign of(String recordIdOrNull, Caller caller) {
        if (recordIdOrNull == null) {
            return GarmentDesign.UNKNOWN;
        }
        try {
            HistoryEntry entry = brands.history().get(caller.brandScope(), recordIdOrNull);
            if (entry.prompt() == null) {
                return GarmentDesign.UNKNOWN;
            }
            Brand brand = entry.brand() == null ? null : brands.brands().get(caller.brandScope(), entry.brand());
            Object lang = entry.request().get("lang");
            return GarmentDesign.fromCanonicalTokens(brands.resolver().resolve(brand, entry.prompt(),
                    lang instanceof String code ? code : null, PromptStyle.CANONICAL_TOKENS).tokens());
        } catch (NotFoundException | InvalidInputException e) {
            return GarmentDesign.UNKNOWN;
        }
    }
}
