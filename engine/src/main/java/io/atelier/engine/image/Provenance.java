package io.atelier.engine.image;

/**
 * What a generated PNG says about itself.
 *
 * @param recordId the bridge's history record id
 * @param modelId the model that made it
 * @param adapterId the brand adapter applied, or null
 * @param containsUserPixels true for redraws and selections (IPTC compositeWithTrainedAlgorithmicMedia)
 * @param parameters the AUTOMATIC1111 "parameters" text, or null where the brand's policy keeps prompts private
 * @param upscaleOf for an upscale, the history record id of the source image (null when it carried none)
 * @param sourceType for an upscale, the source's IPTC digital source type, kept as is (null: derived from
 *                   {@code containsUserPixels})
 */
public record Provenance(String recordId, String modelId, String adapterId, boolean containsUserPixels,
                         String parameters, String upscaleOf, String sourceType) {

    public Provenance(String recordId, String modelId, String adapterId, boolean containsUserPixels,
                      String parameters) {
        this(recordId, modelId, adapterId, containsUserPixels, parameters, null, null);
    }

    /**
     * An upscale's provenance: its own record, the upscaler, the source's record and the source's digital source
     * type unchanged; a source without one (a photograph, a drawing) is the user's pixels enlarged by a trained
     * network: composite.
     */
    public static Provenance upscale(String recordId, String upscalerId, String sourceRecordId, String sourceType) {
        return new Provenance(recordId, upscalerId, null, true, null, sourceRecordId,
                sourceType != null ? sourceType : COMPOSITE);
    }
    public static final String TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    public static final String COMPOSITE =
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

    public String digitalSourceType() {
        if (sourceType != null) {
            return sourceType;
        }
        return containsUserPixels ? COMPOSITE : TRAINED;
    }
}
