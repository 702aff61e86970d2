package io.atelier.preview.garment;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * What a design is, as far as the preview cares: its category (which mesh to sew) and its material (which fabric
 * preset), either unknown. Read from the taxonomy's canonical tokens ({@code dress}, {@code skirt}, {@code leather},
 * {@code silk}…), which is how the bridge records what a prompt meant whatever its language.
 *
 * @param kindOrNull the garment the design is; null when the prompt named no category the preview can sew
 * @param fabricOrNull the material the prompt named; null when it named none
 */
public record GarmentDesign(GarmentKind kindOrNull, Fabric fabricOrNull) {
    public static final GarmentDesign UNKNOWN = new GarmentDesign(null, null);

    /** The first category token and the first material token among {@code canonicalTokens}. */
    public static GarmentDesign fromCanonicalTokens(Collection<String> canonicalTokens) {
        GarmentKind kind = null;
        Fabric fabric = null;
        for (String token : canonicalTokens) {
            if (kind == null) {
                kind = find(GarmentKind.values(), GarmentKind::id, token).orElse(null);
            }
            if (fabric == null) {
                fabric = find(Fabric.values(), Fabric::id, token).orElse(null);
            }
        }
        return new GarmentDesign(kind, fabric);
    }

    /** This design's garment unless the user chose one ({@code --garment}), else {@code fallback}. */
    public GarmentKind kind(GarmentKind chosenOrNull, GarmentKind fallback) {
        return chosenOrNull != null ? chosenOrNull : kindOrNull != null ? kindOrNull : fallback;
    }

    /** The user's material ({@code --material}), else the design's, else null (the garment's usual one). */
    public Fabric fabric(Fabric chosenOrNull) {
        return chosenOrNull != null ? chosenOrNull : fabricOrNull;
    }

    private static <T> Optional<T> find(T[] values, java.util.function.Function<T, String> id, String token) {
        return Arrays.stream(values).filter(v -> id.apply(v).equals(token)).findFirst();
    }
}
