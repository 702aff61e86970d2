package io.atelier.engine.upscale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a Keras functional graph as model.json declares it: its class, name, the layers it reads, and the few
 * settings the ESRGAN networks use. Layers outside that set are refused at load time.
 *
 * @param kernel   Conv2D kernel size (square), 0 for other layers
 * @param samePad  Conv2D padding "same" (else "valid")
 * @param activation activation applied after a Conv2D, or the function of an Activation layer ("linear", "relu")
 * @param factor   UpSampling2D size or PixelShuffle block size, else 1
 * @param beta     MultiplyBeta's constant factor (0.2 in the RRDN packages), else 1
 */
public record KerasLayer(String type, String name, List<String> inputs, int kernel, boolean samePad,
                         String activation, int factor, float beta) {

    public static KerasLayer of(JsonNode layer) throws IOException {
        String className = layer.path("class_name").asText();
        String name = layer.path("name").asText();
        JsonNode config = layer.path("config");
        List<String> inputs = new ArrayList<>();
        JsonNode nodes = layer.path("inbound_nodes");
        if (nodes.size() > 1) {
            throw new IOException("layer " + name + " is shared (" + nodes.size() + " calls): not supported");
        }
        for (JsonNode node : nodes) {
            for (JsonNode inbound : node) {
                inputs.add(inbound.get(0).asText());
            }
        }
        String activation = config.path("activation").asText("linear");
        if (!activation.equals("linear") && !activation.equals("relu")) {
            throw new IOException("layer " + name + ": activation " + activation + " not supported");
        }
        switch (className) {
            case "InputLayer", "Add", "Activation" -> {
                return new KerasLayer(className, name, inputs, 0, false, activation, 1, 1f);
            }
            case "Concatenate" -> {
                int axis = config.path("axis").asInt(-1);
                if (axis != -1 && axis != 3) {
                    throw new IOException("layer " + name + ": concatenation on axis " + axis + " not supported");
                }
                return new KerasLayer(className, name, inputs, 0, false, "linear", 1, 1f);
            }
            case "Conv2D" -> {
                JsonNode size = config.path("kernel_size");
                requireOnes(name, config.path("strides"), "strides");
                requireOnes(name, config.path("dilation_rate"), "dilation");
                if (size.get(0).asInt() != size.get(1).asInt() || size.get(0).asInt() % 2 == 0
                        || !config.path("data_format").asText("channels_last").equals("channels_last")) {
                    throw new IOException("layer " + name + ": only odd square channels-last kernels are supported");
                }
                return new KerasLayer(className, name, inputs, size.get(0).asInt(),
                        config.path("padding").asText().equals("same"), activation, 1, 1f);
            }
            case "UpSampling2D" -> {
                JsonNode size = config.path("size");
                if (size.get(0).asInt() != size.get(1).asInt()
                        || !config.path("interpolation").asText("nearest").equals("nearest")) {
                    throw new IOException("layer " + name + ": only square nearest upsampling is supported");
                }
                return new KerasLayer(className, name, inputs, 0, false, "linear", size.get(0).asInt(), 1f);
            }
            default -> {
                // The RRDN packages' custom layers: @upscalerjs/esrgan registers them under these class names.
                if (className.equals("MultiplyBeta")) {
                    return new KerasLayer(className, name, inputs, 0, false, "linear", 1,
                            (float) config.path("beta").asDouble(0.2));
                }
                if (className.matches("PixelShuffle[0-9]+x")) {
                    int scale = config.path("scale").asInt(Integer.parseInt(className.replaceAll("\\D", "")));
                    return new KerasLayer("PixelShuffle", name, inputs, 0, false, "linear", scale, 1f);
                }
                throw new IOException("layer " + name + ": class " + className + " not supported");
            }
        }
    }

    private static void requireOnes(String name, JsonNode pair, String what) throws IOException {
        for (JsonNode value : pair) {
            if (value.asInt() != 1) {
                throw new IOException("layer " + name + ": " + what + " other than 1 not supported");
            }
        }
    }
}
