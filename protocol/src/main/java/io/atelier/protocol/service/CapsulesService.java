package io.atelier.protocol.service;

import io.atelier.protocol.CapsulesGenerateParams;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobSubmitted;

/** {@code capsules.*}: coherent mini-collections in a brand's codes. */
@RpcService("capsules")
public interface CapsulesService {
    /**
     * Generates a capsule as one job of kind {@code capsules.generate}. Its results, in order: every piece's flat
     * ({@code image/png}, look by look, piece by piece), the contact sheet ({@code image/png}: looks as rows, pieces
     * as columns, captions in the brand's first language), the spec sheets ({@code application/json}: the plan, one
     * spec per piece and what could not be satisfied) and the PDF ({@code application/pdf}: one page per look), each
     * fetched from its {@code url}. A history record per capsule keeps the request and, in {@code notes}, every piece
     * the judge still read otherwise after the retries. Bad params answer -32602 at once with {@code data.field}
     * ({@code looks}, {@code piecesPerLook}, {@code categories}, {@code palette}).
     */
    @RpcDescription("Generates a capsule (a few coherent looks in the brand's codes) as one job: flats, contact sheet, "
            + "spec sheets (JSON) and a PDF.")
    @RpcErrors({ErrorCodes.INVALID_PARAMS, ErrorCodes.NOT_FOUND, ErrorCodes.BUSY, ErrorCodes.MODEL_FAILURE})
    JobSubmitted generate(CapsulesGenerateParams params);
}
