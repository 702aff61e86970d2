package io.atelier.bridge.capsule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The capsule's spec sheets as one JSON document (stored, and listed in the job's results as
 * {@code application/json}).
 *
 * @param brand       brand id
 * @param house       the brand's display name
 * @param theme       the capsule's words, or null
 * @param language    the language captions are written in
 * @param seed        the capsule's seed
 * @param palette     the entries drawn in
 * @param pieces      every piece's spec, look by look
 * @param agreement   pieces the judge read as planned (category and colour), of all pieces
 * @param patternAgreement pieces whose pattern the judge read as planned (reported; not a reason to redraw)
 * @param unsatisfied what could not be satisfied, one sentence each; empty when everything was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CapsuleSheet(String brand, String house, String theme, String language, long seed,
                    List<PieceSpec.Colour> palette, List<PieceSpec> pieces, String agreement,
                    String patternAgreement, List<String> unsatisfied) {
}
