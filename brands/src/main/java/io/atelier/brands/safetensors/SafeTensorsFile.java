package io.atelier.brands.safetensors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a safetensors file.
 *
 * @param metadata the {@code __metadata__} strings
 * @param tensors  the tensors, in header order
 */
public record SafeTensorsFile(Map<String, String> metadata, List<Tensor> tensors) {

    public SafeTensorsFile {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }

    public Optional<Tensor> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
