package io.atelier.brands.safetensors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code __metadata__} an Atelier adapter file carries, so that the file alone says what it is. Keys under
 * {@code atelier.} are ours; the {@code ss_} keys are the kohya ones other tools display.
 *
 * @param brand           brand id
 * @param adapterId       adapter id ({@code <brand>-v<version>})
 * @param baseModel       id of the model adapted
 * @param baseModelSha256 hash of its UNet
 * @param datasetSha256   hash of the dataset learnt from
 * @param steps           steps trained
 * @param rank            LoRA rank
 * @param alpha           LoRA alpha
 * @param triggerToken    the brand's token the adapter learnt its codes under
 */
public record AdapterMetadata(String brand, String adapterId, String baseModel, String baseModelSha256,
                              String datasetSha256, int steps, int rank, double alpha, String triggerToken) {

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("format", "pt");
        map.put("atelier.brand", brand);
        map.put("atelier.adapter_id", adapterId);
        map.put("atelier.base_model", baseModel);
        map.put("atelier.base_model_sha256", baseModelSha256 == null ? "" : baseModelSha256);
        map.put("atelier.dataset_sha256", datasetSha256);
        map.put("atelier.steps", Integer.toString(steps));
        map.put("atelier.trigger_token", triggerToken);
        map.put("ss_network_module", "networks.lora");
        map.put("ss_network_dim", Integer.toString(rank));
        map.put("ss_network_alpha", Double.toString(alpha));
        map.put("ss_output_name", adapterId);
        return map;
    }

    /** @throws IllegalArgumentException a required key is missing or malformed */
    public static AdapterMetadata fromMap(Map<String, String> map) {
        try {
            String modelHash = map.get("atelier.base_model_sha256");
            return new AdapterMetadata(require(map, "atelier.brand"), require(map, "atelier.adapter_id"),
                    require(map, "atelier.base_model"), modelHash == null || modelHash.isEmpty() ? null : modelHash,
                    require(map, "atelier.dataset_sha256"), Integer.parseInt(require(map, "atelier.steps")),
                    Integer.parseInt(require(map, "ss_network_dim")),
                    Double.parseDouble(require(map, "ss_network_alpha")), require(map, "atelier.trigger_token"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adapter metadata has a malformed number", e);
        }
    }

    private static String require(Map<String, String> map, String key) {
        String value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("adapter metadata lacks " + key);
        }
        return value;
    }
}
