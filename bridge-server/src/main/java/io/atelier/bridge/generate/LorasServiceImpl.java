package io.atelier.bridge.generate;

import io.atelier.engine.model.LoraFolder;
import io.atelier.protocol.Empty;
import io.atelier.protocol.LoraInfo;
import io.atelier.protocol.LorasListResult;
import io.atelier.protocol.service.LorasService;

/**
 * {@code loras.list} over the engine's LoRA folder. Names and sizes only, never the folder's path: LoRA names are
 * the house's own vocabulary, as model ids are, so any token may list them.
 */
final class LorasServiceImpl implements LorasService {
    private final LoraFolder folder;

    LorasServiceImpl(LoraFolder folder) {
        this.folder = folder;
    }

    @Override
    public LorasListResult list(Empty params) {
        return new LorasListResult(folder.list().stream()
                .map(f -> new LoraInfo(f.name(), f.sizeBytes(), f.problem())).toList());
    }
}
