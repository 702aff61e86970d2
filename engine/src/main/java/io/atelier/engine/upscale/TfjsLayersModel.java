package io.atelier.engine.upscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras functional model saved in TF.js's "layers" format: {@code model.json} (topology and weights manifest) and
 * its {@code group*-shard*of*.bin} files, each group's shards concatenated in manifest order and read as raw
 * little-endian float32 tensors one after the other. Only what the ESRGAN packages use is accepted; anything else is
 * refused with the layer named, never guessed.
 */
public record TfjsLayersModel(List<KerasLayer> layers, String outputLayer, Map<String, TensorData> weights) {

    /** One weight tensor with its Keras shape (conv kernels are HWIO: height, width, input, output channels). */
    public record TensorData(long[] shape, float[] values) {
    }

    /** Where the shard files named by model.json are read from (a folder or the classpath). */
    @FunctionalInterface
    public interface FileSource {
        byte[] read(String name) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TfjsLayersModel read(FileSource files) throws IOException {
        JsonNode root = JSON.readTree(files.read("model.json"));
        if (!"layers-model".equals(root.path("format").asText())) {
            throw new IOException("not a TF.js layers model: format " + root.path("format").asText());
        }
        JsonNode config = root.path("modelTopology").path("model_config").path("config");
        List<KerasLayer> layers = new ArrayList<>();
        for (JsonNode layer : config.path("layers")) {
            layers.add(KerasLayer.of(layer));
        }
        JsonNode outputs = config.path("output_layers");
        if (outputs.size() != 1) {
            throw new IOException("expected one output layer, found " + outputs.size());
        }
        return new TfjsLayersModel(List.copyOf(layers), outputs.get(0).get(0).asText(),
                readWeights(root.path("weightsManifest"), files));
    }

    private static Map<String, TensorData> readWeights(JsonNode manifest, FileSource files) throws IOException {
        Map<String, TensorData> weights = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (JsonNode path : group.path("paths")) {
                bytes.write(files.read(path.asText()));
            }
            ByteBuffer data = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode spec : group.path("weights")) {
                if (!"float32".equals(spec.path("dtype").asText("float32")) || spec.has("quantization")) {
                    throw new IOException("weight " + spec.path("name").asText() + " is not plain float32");
                }
                long[] shape = new long[spec.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = spec.path("shape").get(i).asLong();
                    count *= shape[i];
                }
                if (count * Float.BYTES > data.remaining()) {
                    throw new IOException("shards end before weight " + spec.path("name").asText());
                }
                float[] values = new float[(int) count];
                data.asFloatBuffer().get(values);
                data.position(data.position() + values.length * Float.BYTES);
                weights.put(spec.path("name").asText(), new TensorData(shape, values));
            }
            if (data.hasRemaining()) {
                throw new IOException("shards hold " + data.remaining() + " bytes more than the manifest names");
            }
        }
        return weights;
    }
}
