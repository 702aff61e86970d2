package io.atelier.preview.garment;

import java.util.Arrays;
import java.util.Locale;

/**
 * The garments the preview can sew, one per category of the taxonomy, named by its canonical tokens (which are also
 * the CLI's --garment values and the protocol's {@code garment.category}).
 */
public enum GarmentKind {
    DRESS("dress", Fabric.SILK),
    BIKER_JACKET("biker_jacket", Fabric.LEATHER),
    TROUSERS("trousers", Fabric.DENIM),
    TSHIRT("tshirt", Fabric.COTTON),
    HANDBAG("handbag", Fabric.LEATHER),
    SKIRT("skirt", Fabric.COTTON),
    SWEATSHIRT("sweatshirt", Fabric.KNIT),
    BOMBER("bomber", Fabric.COTTON);

    private final String id;
    private final Fabric defaultFabric;

    GarmentKind(String id, Fabric defaultFabric) {
        this.id = id;
        this.defaultFabric = defaultFabric;
    }

    public String id() { return id; }

    public Fabric defaultFabric() { return defaultFabric; }

    /** Accepts the canonical id ("biker_jacket") and its hyphenated spelling ("biker-jacket"). */
    public static GarmentKind fromId(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown garment '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(GarmentKind::id).toList()));
    }
}
