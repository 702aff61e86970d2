package io.atelier.brands.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.sd.Sd1Model;
import io.atelier.engine.text.ClipTokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A caption's text states from the checkpoint's frozen CLIP encoder, encoded when first asked for and kept in a
 * bounded least-recently-used cache: with tags dropped at random a dataset has many more caption variants than
 * images, and a full-size CLIP encoder takes 0.1–0.3 s per caption on a CPU, small next to a 10–25 s training step.
 * Each caption is encoded alone (a batch of one), so its states never depend on which other captions were missing at
 * the same time, and a resumed run gets the same floats as an uninterrupted one whatever the cache held.
 */
final class CaptionContexts {
    /** About 60 MB of text states at SD-1.5's width (77 x 768 floats each). */
    static final int CAPACITY = 256;

    private final Sd1Model model;
    private final int length = ClipTokenizer.CONTEXT_LENGTH;
    private final Map<String, float[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };
    private final float[] empty;
    private int encoded;

    CaptionContexts(Sd1Model model) {
        this.model = model;
        this.empty = encode("");
    }

    /** The states of {@code caption}, [L * width]; the empty caption's are always kept. */
    float[] of(String caption) {
        if (caption.isEmpty()) {
            return empty;
        }
        float[] states = cache.get(caption);
        if (states == null) {
            states = encode(caption);
            cache.put(caption, states);
        }
        return states;
    }

    /** [L, width] of one caption's states. */
    long[] shape() {
        return new long[] {length, empty.length / length};
    }

    /** Captions encoded so far (the empty one included): how often the cache missed. */
    int encodedCount() {
        return encoded;
    }

    private float[] encode(String caption) {
        encoded++;
        try (NDManager scratch = NDManager.newBaseManager(model.device())) {
            return model.encodeText(scratch.create(ClipTokenizer.standard().contextIds(caption), new Shape(1, length)))
                    .toFloatArray();
        }
    }
}
