package io.atelier.engine.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A model's parameters by their checkpoint names, seen through a name prefix: {@code unet.at("input_blocks.1.0.")}
 * is the view a block reads its own parameters from. The arrays live on the model's device in its compute type.
 */
public final class Weights {
    private final Map<String, NDArray> all;
    private final String prefix;

    public Weights(Map<String, NDArray> all) {
        this(all, "");
    }

    private Weights(Map<String, NDArray> all, String prefix) {
        this.all = all;
        this.prefix = prefix;
    }

    public Weights at(String more) {
        return new Weights(all, prefix + more);
    }

    public boolean has(String name) {
        return all.containsKey(prefix + name);
    }

    public NDArray get(String name) {
        NDArray array = all.get(prefix + name);
        if (array == null) {
            // The layout was checked against the file before any forward; reaching here is a bug in the engine.
            throw new IllegalStateException("missing parameter " + prefix + name);
        }
        return array;
    }

    /** The parameter, or null when the module has none (an optional bias). */
    public NDArray optional(String name) {
        return all.get(prefix + name);
    }

    /** Counts the sub-modules {@code <prefix><group>.0.}, {@code .1.} ... that have at least one parameter. */
    public int count(String group) {
        int n = 0;
        while (hasPrefix(group + "." + n + ".")) {
            n++;
        }
        return n;
    }

    public boolean hasPrefix(String more) {
        String wanted = prefix + more;
        return all.keySet().stream().anyMatch(k -> k.startsWith(wanted));
    }
}
