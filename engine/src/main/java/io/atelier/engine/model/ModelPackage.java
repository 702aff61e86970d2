package io.atelier.engine.model;

import java.nio.file.Path;

/**
 * A model package on disk whose manifest was read and whose component hashes were checked. Classpath packages are
 * copied to a cache folder first, so DJL always loads from a real folder.
 */
public record ModelPackage(ModelManifest manifest, Path directory) implements ModelSource {

    public Path component(String name) {
        return directory.resolve(manifest.components().get(name).file());
    }
}
