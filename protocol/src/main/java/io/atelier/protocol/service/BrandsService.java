package io.atelier.protocol.service;

import io.atelier.protocol.Brand;
import io.atelier.protocol.BrandIdParams;
import io.atelier.protocol.BrandsCreateParams;
import io.atelier.protocol.BrandsDeleteResult;
import io.atelier.protocol.BrandsListResult;
import io.atelier.protocol.BrandsUpdateParams;
import io.atelier.protocol.Empty;
import io.atelier.protocol.ErrorCodes;

/**
 * {@code brands.*}: the houses a bridge serves. A token scoped to some brands sees only those; any other brand
 * answers {@link ErrorCodes#NOT_FOUND}, exactly as an unknown id does. Creating and deleting brands needs the admin
 * token ({@link ErrorCodes#FORBIDDEN} otherwise).
 */
@RpcService("brands")
public interface BrandsService {
    /** The brands this token may see. */
    @RpcDescription("Lists the brands this token may see.")
    BrandsListResult list(Empty params);

    /** One brand. */
    @RpcDescription("Returns one brand.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    Brand get(BrandIdParams params);

    /** Creates a brand and assigns its trigger token; an existing id is invalid params on {@code id}. */
    @RpcDescription("Creates a brand and assigns it a trigger token; admin token only.")
    @RpcErrors({ErrorCodes.FORBIDDEN, ErrorCodes.BUSY})
    Brand create(BrandsCreateParams params);

    /** Changes the fields given; returns the brand as it now is. */
    @RpcDescription("Changes the fields given and returns the brand as it now is.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    Brand update(BrandsUpdateParams params);

    /** Deletes a brand with its datasets, adapters and history. */
    @RpcDescription("Deletes a brand with its datasets, adapters and history; admin token only.")
    @RpcErrors({ErrorCodes.NOT_FOUND, ErrorCodes.FORBIDDEN})
    BrandsDeleteResult delete(BrandIdParams params);
}
