package io.atelier.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as Linux reports it ({@code /proc/self/status}): the current set (VmRSS) and its
 * peak (VmHWM), native memory included, which is where libtorch keeps tensors. Elsewhere the readings are NaN.
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** A {@code /proc/self/status} field in GB (1e9 bytes), e.g. {@code VmRSS} or {@code VmHWM}; NaN when absent. */
    public static double gb(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e6;
            }
        }
        return Double.NaN;
    }

    /** The current resident set (VmRSS) in bytes; -1 where Linux's reading is not available. */
    public static long residentBytes() {
        try {
            double gb = gb("VmRSS");
            return Double.isNaN(gb) ? -1 : Math.round(gb * 1e9);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Resets VmHWM to the current RSS (Linux: 5 written to clear_refs), so that the next reading is one phase's peak.
     *
     * @return false where that is not possible: VmHWM then covers the whole process
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
