package io.atelier.engine.model;

import io.atelier.engine.sd.Sd1Config;
import java.nio.file.Path;

/**
 * A single-file SD-1.x checkpoint ({@code <home>/models/<name>.safetensors}) whose header was checked whole: its
 * architecture is known and every tensor it needs is present with the right shape.
 */
public record CheckpointFile(ModelManifest manifest, Path file, Sd1Config config, String revision)
        implements ModelSource {

    /** @param revision the file's size and modification time when it was scanned: a replaced file is another model */
    public CheckpointFile {
    }
}
