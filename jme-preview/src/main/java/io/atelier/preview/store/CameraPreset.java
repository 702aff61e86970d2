package io.atelier.preview.store;

import java.util.Arrays;
import java.util.Locale;

/**
 * The three views a store concept is judged from. Positions are derived from the layout so they stay framed
 * whatever the floor plan: {location xyz, look-at xyz, vertical field of view in degrees}.
 */
public enum CameraPreset {
    STREET("street"),
    ENTRANCE("entrance"),
    INTERIOR_WIDE("interior-wide");

    private final String id;

    CameraPreset(String id) {
        this.id = id;
    }

    public String id() { return id; }

    public float[] frame(StoreLayout layout) {
        StoreParams p = layout.params();
        StoreLayout.Opening window = layout.window();
        StoreLayout.Opening door = layout.door();
        float halfW = p.width() / 2f;
        return switch (this) {
            // Across the pavement, eye height, angled slightly onto the window.
            case STREET -> new float[] {window.centreX() + 2.2f, 1.6f, 6.5f + p.width() * 0.25f,
                    window.centreX() + 0.4f, 1.75f, -0.8f, 48f};
            // On the threshold, looking diagonally across the shop floor.
            case ENTRANCE -> new float[] {door.centreX() - 0.2f, 1.62f, -0.6f,
                    -halfW * 0.3f, 1.15f, -p.depth() * 0.8f, 62f};
            // From the back wall, wide, taking in racks, tables and the lit window.
            case INTERIOR_WIDE -> new float[] {halfW * 0.1f, 2.2f, -p.depth() + 0.45f,
                    -halfW * 0.3f, 1.1f, -1.0f, 68f};
        };
    }

    public static CameraPreset fromId(String text) {
        String spelled = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        // the protocol's PreviewStoreOptions says "interior"
        String wanted = spelled.equals("interior") ? INTERIOR_WIDE.id : spelled;
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown camera '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(CameraPreset::id).toList()));
    }
}
