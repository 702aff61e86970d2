package io.atelier.preview.render;

import java.util.Arrays;
import java.util.Locale;

/** What to render: a single garment on a dress form (turntable) or a store concept. */
public enum SceneKind {
    GARMENT, STORE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SceneKind fromId(String text) {
        return Arrays.stream(values()).filter(k -> k.id().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scene '" + text + "'; expected garment or store"));
    }
}
