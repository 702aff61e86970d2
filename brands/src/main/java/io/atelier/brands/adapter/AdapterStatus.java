package io.atelier.brands.adapter;

import java.util.Locale;

/** Where an adapter is in its life. Only {@link #READY} adapters have a file and can be applied. */
public enum AdapterStatus {
    /** training, or interrupted by a crash or restart and waiting to be resumed */
    TRAINING,
    /** completely written and usable */
    READY,
    /** training failed; no file */
    FAILED,
    /** training was cancelled; no file */
    CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AdapterStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
