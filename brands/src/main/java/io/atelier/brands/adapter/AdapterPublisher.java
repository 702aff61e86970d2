package io.atelier.brands.adapter;

import io.atelier.brands.safetensors.AdapterMetadata;
import io.atelier.brands.safetensors.SafeTensors;
import io.atelier.brands.safetensors.SafeTensorsFile;
import io.atelier.brands.safetensors.Tensor;
import io.atelier.brands.store.BlobRef;
import io.atelier.brands.store.BlobStore;
import io.atelier.brands.store.StorageException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns trained LoRA tensors into a published adapter: the safetensors file is written into the blob store (temp
 * file, then atomic rename) and only then is the registry row marked ready with its path and hash. A crash or a
 * cancel before that leaves the row in training and no file under any adapter's name.
 */
public final class AdapterPublisher {

    private final Path home;
    private final BlobStore blobs;
    private final AdapterRepository adapters;

    public AdapterPublisher(Path home, BlobStore blobs, AdapterRepository adapters) {
        this.home = home;
        this.blobs = blobs;
        this.adapters = adapters;
    }

    public AdapterRecord publish(String adapterId, AdapterMetadata metadata, List<Tensor> tensors) {
        byte[] file = SafeTensors.write(metadata.toMap(), tensors);
        BlobRef blob = blobs.put(file, "safetensors");
        String relative = home.relativize(blobs.path(blob)).toString().replace('\\', '/');
        return adapters.publish(adapterId, relative, blob.sha256());
    }

    /** Reads a ready adapter's file back. */
    public SafeTensorsFile read(AdapterRecord adapter) {
        if (adapter.status() != AdapterStatus.READY) {
            throw new IllegalStateException("adapter " + adapter.id() + " has no file: " + adapter.status().code());
        }
        byte[] bytes = blobs.get(adapter.fileSha256(), "safetensors")
                .orElseThrow(() -> new StorageException("adapter file missing", null));
        try {
            return SafeTensors.read(bytes);
        } catch (IOException e) {
            throw new StorageException("adapter file is damaged", e);
        }
    }
}
