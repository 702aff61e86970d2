package io.atelier.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;

/**
 * Unit scales and zero shifts for {@link Layers#groupNorm}, one pair per group size, kept on the model's manager
 * so that a forward allocates none. A few sizes per resolution; bounded because a model sees few resolutions.
 */
public final class NormConstants {
    private static final int MAX_SIZES = 64;
    private final NDManager manager;
    private final Map<Long, NDArray[]> bySize = new HashMap<>();

    public NormConstants(NDManager manager) {
        this.manager = manager;
    }

    NDArray ones(long size, NDArray like) {
        return pair(size, like.getDataType())[0];
    }

    NDArray zeros(long size, NDArray like) {
        return pair(size, like.getDataType())[1];
    }

    private synchronized NDArray[] pair(long size, DataType type) {
        NDArray[] pair = bySize.get(size);
        if (pair == null || pair[0].getDataType() != type) {
            if (bySize.size() >= MAX_SIZES) {
                bySize.values().forEach(p -> {
                    p[0].close();
                    p[1].close();
                });
                bySize.clear();
            }
            pair = new NDArray[] {manager.ones(new ai.djl.ndarray.types.Shape(size), type),
                    manager.zeros(new ai.djl.ndarray.types.Shape(size), type)};
            bySize.put(size, pair);
        }
        return pair;
    }
}
