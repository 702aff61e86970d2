package io.atelier.protocol.service;

import io.atelier.protocol.BrandIdParams;
import io.atelier.protocol.DatasetsAddParams;
import io.atelier.protocol.DatasetsAddResult;
import io.atelier.protocol.DatasetsListResult;
import io.atelier.protocol.DatasetsRemoveParams;
import io.atelier.protocol.DatasetsRemoveResult;
import io.atelier.protocol.DatasetsUpdateParams;
import io.atelier.protocol.DatasetItem;
import io.atelier.protocol.ErrorCodes;

/** {@code datasets.*}: each brand's curated, captioned training images. */
@RpcService("datasets")
public interface DatasetsService {
    /** Adds one image; a duplicate (same hash) is reported, not added twice. */
    @RpcDescription("Adds one captioned image to a brand's dataset; proposes a caption when none is given.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE, ErrorCodes.INVALID_IMAGE})
    DatasetsAddResult add(DatasetsAddParams params);

    /** A brand's whole dataset. */
    @RpcDescription("Lists a brand's dataset, oldest first, with its hash.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    DatasetsListResult list(BrandIdParams params);

    /** Confirms or rewrites a caption, or replaces tags; the item's caption is no longer "proposed" afterwards. */
    @RpcDescription("Confirms or rewrites an item's caption and replaces its tags; answers the updated item.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    DatasetItem update(DatasetsUpdateParams params);

    /** Removes one item; adapters already trained on it keep their recorded dataset hash. */
    @RpcDescription("Removes one item from a brand's dataset.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    DatasetsRemoveResult remove(DatasetsRemoveParams params);
}
