package io.atelier.engine.pipeline;

import io.atelier.engine.AdapterSpec;
import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.sd.DiffusersNames;
import io.atelier.engine.sd.KohyaLora;
import io.atelier.engine.sd.LoraException;
import io.atelier.engine.sd.LoraPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kohya LoRAs on a checkpoint, per batch: the tensors they change are merged into copies ({@link LoraPatch}), the
 * batch's forwards run over the checkpoint with those copies swapped in, and the base comes back when the batch ends.
 * The checkpoint's own tensors are never written. Merged sets are cached by the exact LoRAs and weights (a file is
 * known by path, size and modification time, so a rewritten file is read again), so a repeated request merges nothing.
 */
final class CheckpointLoras implements BatchAdapters, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoras.class);
    private static final int CACHED_FILES = 8;
    /** Each merged set holds copies of the tensors it changes: ~100-400 MB for a full SD-1.5 attention LoRA. */
    private static final int CACHED_PATCHES = 2;

    /** A LoRA of the batch, with the request field it came from and its file's identity. */
    private record Requested(AdapterSpec spec, String field, String identity) {
        String key() {
            return identity + "|" + spec.weight();
        }
    }

    /** What the last {@link #apply} cost: for benchmarks and the log. */
    record ApplyFigures(long nanos, boolean cached, int tensors, long bytes) {
    }

    private final String modelId;
    private final CheckpointComponents components;
    private final DiffusersNames names;
    private final Map<String, KohyaLora> files = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<List<String>, LoraPatch> patches = new LinkedHashMap<>(4, 0.75f, true);
    private volatile ApplyFigures lastApply;

    CheckpointLoras(String modelId, CheckpointComponents components) {
        this.modelId = modelId;
        this.components = components;
        this.names = DiffusersNames.of(components.base().config());
    }

    @Override
    public Applied apply(AdapterSpec adapter, List<AdapterSpec> loras) {
        // Step 1: the batch's LoRAs in a canonical order, so the same set merges to the same bits.
        List<Requested> requested = new ArrayList<>();
        if (adapter != null && !adapter.isNeutral()) {
            requested.add(new Requested(adapter, "adapter", identity(adapter, "adapter")));
        }
        for (AdapterSpec lora : loras) {
            if (!lora.isNeutral()) {
                requested.add(new Requested(lora, "loras", identity(lora, "loras")));
            }
        }
        if (requested.isEmpty()) {
            components.useBase();
            return () -> { };
        }
        requested.sort(Comparator.comparing(Requested::key));
        List<String> key = requested.stream().map(Requested::key).toList();

        // Step 2: the merged copies, from the cache or made now (every file is checked before anything is merged).
        long begin = System.nanoTime();
        LoraPatch patch = patches.get(key);
        boolean cached = patch != null;
        if (patch == null) {
            List<LoraPatch.Entry> entries = new ArrayList<>();
            for (Requested r : requested) {
                entries.add(new LoraPatch.Entry(read(r), r.spec().weight()));
            }
            patch = LoraPatch.merge(components.base(), entries);
            patches.put(key, patch);
            while (patches.size() > CACHED_PATCHES) {
                List<String> eldest = patches.keySet().iterator().next();
                patches.remove(eldest).close();
            }
        }

        // Step 3: swap the copies in for this batch; closing puts the base back.
        components.use(components.base().withReplaced(patch.tensors()));
        lastApply = new ApplyFigures(System.nanoTime() - begin, cached, patch.tensors().size(), patch.bytes());
        if (!cached) {
            LOG.info("Model {}: {} LoRA(s) merged into {} tensors ({} MB) in {} ms", modelId, requested.size(),
                    patch.tensors().size(), patch.bytes() >> 20, lastApply.nanos() / 1_000_000);
        }
        return components::useBase;
    }

    ApplyFigures lastApply() {
        return lastApply;
    }

    private KohyaLora read(Requested r) {
        KohyaLora lora = files.get(r.identity());
        if (lora != null) {
            return lora;
        }
        String name = r.spec().file().getFileName().toString();
        try {
            lora = KohyaLora.read(r.spec().file(), components.base().config(), names);
        } catch (IOException e) {
            throw new InvalidGenerationParameterException(r.field(), "LoRA file " + name + " cannot be read.");
        } catch (LoraException e) {
            throw new InvalidGenerationParameterException(r.field(), "LoRA " + name + " does not fit model '"
                    + modelId + "': " + e.getMessage() + ".");
        }
        files.put(r.identity(), lora);
        while (files.size() > CACHED_FILES) {
            files.remove(files.keySet().iterator().next());
        }
        return lora;
    }

    private static String identity(AdapterSpec spec, String field) {
        try {
            return spec.file() + "@" + Files.size(spec.file()) + "@" + Files.getLastModifiedTime(spec.file()).toMillis();
        } catch (IOException e) {
            throw new InvalidGenerationParameterException(field, "LoRA file " + spec.file().getFileName()
                    + " cannot be read.");
        }
    }

    @Override
    public void close() {
        components.useBase();
        patches.values().forEach(LoraPatch::close);
        patches.clear();
        files.clear();
    }
}
