package io.atelier.engine.image;

/**
 * What a generated PNG says about itself.
 *
 * @param recordId the bridge's history record id
 * @param modelId the model that made it
 * @param adapterId the brand adapter applied, or null
 * @param containsUserPixels true for redraws and selections (IPTC compositeWithTrainedAlgorithmicMedia)
 * @param parameters the AUTOMATIC1111 "parameters" text, or null where the brand's policy keeps prompts private
 */
public record Provenance(String recordId, String modelId, String adapterId, boolean containsUserPixels,
                         String parameters) {
    public static final String TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    public static final String COMPOSITE =
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

    public String digitalSourceType() {
        return containsUserPixels ? COMPOSITE : TRAINED;
    }
}
