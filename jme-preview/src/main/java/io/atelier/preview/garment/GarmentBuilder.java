package io.atelier.preview.garment;

/** Builds the procedural mesh of one garment kind. Plain Java: no GL, no asset manager. */
public interface GarmentBuilder {
    GarmentModel build();

    static GarmentBuilder forKind(GarmentKind kind) {
        return switch (kind) {
            case DRESS -> new DressBuilder();
            case BIKER_JACKET -> new TopBuilder(TopBuilder.Style.BIKER_JACKET);
            case TSHIRT -> new TopBuilder(TopBuilder.Style.TSHIRT);
            case SWEATSHIRT -> new TopBuilder(TopBuilder.Style.SWEATSHIRT);
            case BOMBER -> new TopBuilder(TopBuilder.Style.BOMBER);
            case SKIRT -> new SkirtBuilder();
            case TROUSERS -> new TrousersBuilder();
            case HANDBAG -> new HandbagBuilder();
        };
    }
}
