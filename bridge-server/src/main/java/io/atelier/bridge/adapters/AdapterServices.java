package io.atelier.bridge.adapters;

import io.atelier.bridge.Bridge;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.RpcBinding;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.protocol.service.AdaptersService;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs {@code adapters.*} on a bridge, and resumes the trainings a crash or restart interrupted: each adapter
 * left in training is queued again as an {@code adapters.train} job under the bridge's own identity; its work
 * folder's checkpoint makes it go on from the last saved step.
 */
public final class AdapterServices {
    private static final Logger LOG = LoggerFactory.getLogger(AdapterServices.class);
    /** Jobs the bridge queues itself (resumed trainings) run under this token id, seeing every brand. */
    static final Caller BRIDGE = new Caller("bridge", io.atelier.bridge.security.TokenScope.ALL, null);

    private final Bridge bridge;
    private final AdapterBases bases;
    private final EvaluationJobFactory evaluations;
    private final AdapterTrainingOptions template;

    private AdapterServices(Bridge bridge, AdapterBases bases, EvaluationJobFactory evaluations,
                            AdapterTrainingOptions template) {
        this.template = template;
        this.bridge = bridge;
        this.bases = bases;
        this.evaluations = evaluations;
    }

    /**
     * Adds {@code adapters.*} to a bridge that is not started yet. Adapters are trained on atelier-micro (the model
     * with LoRA slots) or on an SD-1.x checkpoint of {@code registry}.
     */
    public static AdapterServices install(Bridge bridge, ModelRegistry registry, EvaluationJobFactory evaluations) {
        return install(bridge, registry, evaluations, AdapterTrainingOptions.defaults());
    }

    /**
     * @param template training settings the RPC does not expose (batch, checkpoint interval, regularisation);
     *     steps, rank, learning rate and seed come from each request or else from it
     */
    public static AdapterServices install(Bridge bridge, ModelRegistry registry, EvaluationJobFactory evaluations,
                                          AdapterTrainingOptions template) {
        Supplier<ModelPackage> micro = () -> registry.open(AtelierMicroModel.ID);
        AdapterBases bases = new AdapterBases(micro, registry);
        AdapterServices services = new AdapterServices(bridge, bases, evaluations, template);
        BrandStore store = bridge.brandStore();
        bridge.jobs().explainNotResumed(AdaptersServiceImpl.TRAIN_KIND, "The bridge restarted during this training; "
                + "it continues from its last checkpoint as a new job (adapters.list shows the adapter's status).");
        bridge.addService(RpcBinding.perCaller(AdaptersService.class, caller -> new AdaptersServiceImpl(store,
                bridge.jobs(), bases, bridge.config().home(), evaluations, template, caller)));
        return services;
    }

    /** Queues every interrupted training again; returns the adapter ids resumed. */
    public List<String> resumeInterrupted() {
        BrandStore store = bridge.brandStore();
        List<AdapterRecord> interrupted = store.adapters().interrupted();
        for (AdapterRecord adapter : interrupted) {
            LOG.info("Resuming the training of adapter {}", adapter.id());
            // The trainer is chosen when the job runs: a checkpoint removed meanwhile fails that job, not the start.
            Supplier<AdapterBases.Trainer> trainer = () -> bases.base(adapter.spec().baseModel()).trainer().get();
            bridge.jobs().submit(AdaptersServiceImpl.TRAIN_KIND, BRIDGE, adapter.brand(),
                    new AdapterTrainingJob(store, trainer, bridge.config().home(), adapter, template));
        }
        return interrupted.stream().map(AdapterRecord::id).toList();
    }

    public AdapterResolver resolver() {
        return new AdapterResolver(bridge.brandStore(), bridge.config().home());
    }
}
