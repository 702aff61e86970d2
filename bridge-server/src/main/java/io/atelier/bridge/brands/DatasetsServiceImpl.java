package io.atelier.bridge.brands;

import io.atelier.brands.BrandScope;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.dataset.DatasetAddResult;
import io.atelier.brands.dataset.DatasetHash;
import io.atelier.brands.dataset.DatasetItem;
import io.atelier.brands.dataset.DatasetRepository;
import io.atelier.brands.dataset.NewDatasetItem;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.BrandIdParams;
import io.atelier.protocol.DatasetsAddParams;
import io.atelier.protocol.DatasetsAddResult;
import io.atelier.protocol.DatasetsListResult;
import io.atelier.protocol.DatasetsRemoveParams;
import io.atelier.protocol.DatasetsRemoveResult;
import io.atelier.protocol.DatasetsUpdateParams;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.service.DatasetsService;

import java.util.Base64;
import java.util.List;

/** {@code datasets.*}: each brand's curated images, over the brands module. */
public final class DatasetsServiceImpl implements DatasetsService {

    private final DatasetRepository datasets;
    private final ImageStore images;
    private final Caller caller;

    public DatasetsServiceImpl(DatasetRepository datasets, ImageStore images, Caller caller) {
        this.datasets = datasets;
        this.images = images;
        this.caller = caller;
    }

    @Override
    public DatasetsAddResult add(DatasetsAddParams params) {
        return BrandCalls.run(() -> {
            BrandScope scope = caller.brandScope();
            byte[] bytes = bytes(params.image());
            DatasetAddResult added = datasets.add(scope, params.brand(),
                    new NewDatasetItem(bytes, params.caption(), params.tags(), params.source()));
            return new DatasetsAddResult(added.item().itemId(), added.proposedCaption(), added.duplicate());
        });
    }

    @Override
    public DatasetsListResult list(BrandIdParams params) {
        return BrandCalls.run(() -> {
            List<DatasetItem> items = datasets.list(caller.brandScope(), params.brand());
            return new DatasetsListResult(items.stream().map(ProtocolMapping::datasetItem).toList(), DatasetHash.of(items));
        });
    }

    @Override
    public io.atelier.protocol.DatasetItem update(DatasetsUpdateParams params) {
        return BrandCalls.run(() -> ProtocolMapping.datasetItem(
                datasets.update(caller.brandScope(), params.brand(), params.itemId(), params.caption(), params.tags())));
    }

    @Override
    public DatasetsRemoveResult remove(DatasetsRemoveParams params) {
        return BrandCalls.run(() -> {
            datasets.remove(caller.brandScope(), params.brand(), params.itemId());
            return new DatasetsRemoveResult(params.itemId(), true);
        });
    }

    /** The image's bytes: a stored image the caller may see, or decoded base64. */
    private byte[] bytes(ImageInput input) {
        if (input == null || (input.id() == null) == (input.base64() == null)) {
            throw AtelierException.invalidParams("image", "Give the image either as {id} or as {base64}.");
        }
        if (input.id() != null) {
            return images.find(input.id(), caller)
                    .orElseThrow(() -> new NotFoundException("image", "image.id")).png();
        }
        try {
            return Base64.getDecoder().decode(input.base64());
        } catch (IllegalArgumentException e) {
            throw AtelierException.invalidParams("image.base64", "The image is not valid base64.");
        }
    }
}
