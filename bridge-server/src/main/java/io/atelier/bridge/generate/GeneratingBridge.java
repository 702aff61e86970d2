package io.atelier.bridge.generate;

import io.atelier.bridge.adapters.AdapterResolver;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.jobs.JobLimits;
import io.atelier.engine.DiffusionEngine;
import io.atelier.bridge.rpc.RpcBinding;
import io.atelier.bridge.capsule.CapsulesServiceImpl;
import io.atelier.protocol.service.CapsulesService;
import io.atelier.protocol.service.ImagesService;
import io.atelier.protocol.service.LorasService;

/**
 * A bridge serving generation: the engine over {@code <home>}, {@code models.list} from it, {@code images.*},
 * {@code capsules.*}.
 */
public final class GeneratingBridge {
    /**
     * Job limits for a generating bridge: 8 jobs run at once because a generation job only waits on the engine's one
     * worker thread, which batches concurrent compatible requests through shared UNet forwards (one job at a time
     * would never batch). The engine, not the job count, bounds the CPU.
     */
    public static final JobLimits JOB_LIMITS = new JobLimits(8, 16, 256, 1000, JobLimits.DEFAULT_RETENTION, JobLimits.DEFAULT_MAX_ATTEMPTS);

    private GeneratingBridge() {
    }

    /** A bridge not started yet (add more services, then {@link Bridge#start()}); closing it closes the engine. */
    public static Bridge create(BridgeConfig config) throws Exception {
        return create(config, null, (bridge, engine) -> { });
    }

    /** As {@link #create(BridgeConfig)}, with {@code defaultModel} (null: the embedded default) for requests naming none. */
    public static Bridge create(BridgeConfig config, String defaultModel) throws Exception {
        return create(config, defaultModel, (bridge, engine) -> { });
    }

    /** As {@link #create(BridgeConfig, String)}, then {@code more} adds services that need the engine (adapters.*). */
    public static Bridge create(BridgeConfig config, String defaultModel,
                                java.util.function.BiConsumer<Bridge, DiffusionEngine> more) throws Exception {
        DiffusionEngine engine = GenerationEngines.open(config.home(), defaultModel);
        try {
            Bridge bridge = Bridge.create(config, new EngineModelCatalog(engine.models(), engine::loadedModelIds));
            install(bridge, engine);
            more.accept(bridge, engine);
            return bridge;
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    /** Adds {@code images.*} over {@code engine} to a bridge not started yet; the bridge closes the engine. */
    public static Bridge install(Bridge bridge, DiffusionEngine engine) {
        ImagesServiceImpl images = new ImagesServiceImpl(engine, bridge.jobs(), bridge.images(), bridge.brandStore(),
                bridge.clients(), new AdapterResolver(bridge.brandStore(), bridge.config().home()));
        bridge.jobs().registerReplayer(ImagesServiceImpl.KIND, images::replay);
        bridge.jobs().registerReplayer(ImageUpscaling.KIND, images::replayUpscale);
        bridge.addService(RpcBinding.of(LorasService.class, new LorasServiceImpl(engine.models().loras())));
        CapsulesServiceImpl capsules = new CapsulesServiceImpl(engine, bridge.jobs(), bridge.brandStore(),
                bridge.clients(), new AdapterResolver(bridge.brandStore(), bridge.config().home()));
        bridge.jobs().registerReplayer(CapsulesServiceImpl.KIND, capsules::replay);
        bridge.addService(RpcBinding.perCaller(CapsulesService.class, caller -> params -> capsules.generate(params, caller)))
                .closeWith(capsules);
        return bridge.addService(RpcBinding.perCaller(ImagesService.class, images::forCaller)).closeWith(images)
                .closeWith(engine);
    }
}
