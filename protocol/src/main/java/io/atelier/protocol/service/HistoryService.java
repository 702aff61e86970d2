package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.HistoryGetParams;
import io.atelier.protocol.HistoryRecord;
import io.atelier.protocol.HistorySearchParams;
import io.atelier.protocol.HistorySearchResult;

/** {@code history.*}: the provenance of every job, enough to regenerate its images exactly. */
@RpcService("history")
public interface HistoryService {
    /** Records the token may see, newest first. */
    @RpcDescription("Finds provenance records by brand and words, newest first.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    HistorySearchResult search(HistorySearchParams params);

    /** One full record. */
    @RpcDescription("Returns one full provenance record.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    HistoryRecord get(HistoryGetParams params);
}
