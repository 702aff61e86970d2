package io.atelier.engine.model;

/**
 * Where an installed model's weights come from: an Atelier package of TorchScript components ({@link ModelPackage})
 * or a Stable Diffusion checkpoint file that the engine runs with its own Java networks ({@link CheckpointFile}).
 */
public sealed interface ModelSource permits ModelPackage, CheckpointFile {

    ModelManifest manifest();

    default String id() {
        return manifest().id();
    }
}
