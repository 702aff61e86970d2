package io.atelier.bridge.generate;

import io.atelier.brands.history.HistoryEntry;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationSettings;

/**
 * One accepted {@code images.generate}: what the engine runs and what history and the PNGs will say about it.
 *
 * @param request the engine request, canonical prompt and seed filled in
 * @param settings the request with every default resolved (checked at submit)
 * @param embedPrompt whether the brand's policy lets the PNGs carry the A1111 {@code parameters} chunk
 * @param history the history record as accepted (job id and status are set when the job runs)
 * @param palette the request's palette as steered, or null when it has none
 */
record GenerationPlan(GenerationRequest request, GenerationSettings settings, boolean embedPrompt,
                      HistoryEntry history, PaletteSteering.Steer palette) {

    String brand() {
        return history.brand();
    }

    String recordId() {
        return history.id();
    }
}
