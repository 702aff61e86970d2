package io.atelier.bridge.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.adapter.AdapterSpec;
import io.atelier.brands.adapter.AdapterStatus;
import io.atelier.brands.evaluation.BrandEvaluationPlan;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.protocol.AdapterEvaluation;
import io.atelier.protocol.AdapterInfo;
import io.atelier.protocol.AdaptersEvaluateParams;
import io.atelier.protocol.AdaptersListResult;
import io.atelier.protocol.AdaptersTrainParams;
import io.atelier.protocol.BrandIdParams;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobSubmitted;
import io.atelier.protocol.service.AdaptersService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** {@code adapters.*} over the brand store and the job manager; every call is scoped to the caller's brands. */
final class AdaptersServiceImpl implements AdaptersService {
    static final String TRAIN_KIND = "adapters.train";
    static final String EVALUATE_KIND = "adapters.evaluate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrandStore store;
    private final JobManager jobs;
    private final AdapterBases bases;
    private final Path home;
    private final EvaluationJobFactory evaluations;
    private final AdapterTrainingOptions template;
    private final Caller caller;

    AdaptersServiceImpl(BrandStore store, JobManager jobs, AdapterBases bases, Path home,
                        EvaluationJobFactory evaluations, AdapterTrainingOptions template, Caller caller) {
        this.template = template;
        this.store = store;
        this.jobs = jobs;
        this.bases = bases;
        this.home = home;
        this.evaluations = evaluations;
        this.caller = caller;
    }

    @Override
    public JobSubmitted train(AdaptersTrainParams params) {
        BrandScope scope = caller.brandScope();
        AdapterTrainingOptions defaults = template;
        AdapterBases.Base[] base = new AdapterBases.Base[1];
        AdapterRecord adapter = run(() -> {
            store.brands().get(scope, params.brand());
            var items = store.datasets().list(scope, params.brand());
            base[0] = bases.base(params.model());
            AdapterSpec spec = new AdapterSpec(base[0].id(), base[0].sha256(),
                    store.datasets().datasetSha256(scope, params.brand()), items.size(),
                    params.steps() != null ? params.steps() : defaults.steps(),
                    params.rank() != null ? params.rank() : defaults.rank(),
                    params.learningRate() != null ? params.learningRate() : defaults.learningRate(),
                    params.seed() != null ? params.seed() : defaults.seed());
            if (spec.rank() > base[0].maxRank()) {
                throw new InvalidInputException("rank", "rank is between 1 and " + base[0].maxRank()
                        + " for " + base[0].id());
            }
            return store.adapters().begin(scope, params.brand(), spec);
        });
        try {
            String jobId = jobs.submit(TRAIN_KIND, caller, adapter.brand(),
                    new AdapterTrainingJob(store, base[0].trainer(), home, adapter, template));
            return new JobSubmitted(jobId);
        } catch (RuntimeException e) {
            store.adapters().end(adapter.id(), AdapterStatus.FAILED);
            throw e;
        }
    }

    @Override
    public AdaptersListResult list(BrandIdParams params) {
        BrandScope scope = caller.brandScope();
        return new AdaptersListResult(run(() -> store.adapters().list(scope, params.brand())).stream()
                .filter(a -> a.status() == AdapterStatus.READY).map(AdaptersServiceImpl::info).toList());
    }

    @Override
    public JobSubmitted evaluate(AdaptersEvaluateParams params) {
        BrandScope scope = caller.brandScope();
        AdapterRecord adapter = run(() -> store.adapters().get(scope, params.adapter()));
        if (!adapter.brand().equals(params.brand()) || adapter.status() != AdapterStatus.READY) {
            throw new AtelierException(ErrorCodes.NOT_FOUND, "Adapter not found.", "adapter");
        }
        // The evaluation draws with the model the adapter was trained on: it must still be installed.
        try {
            bases.base(adapter.spec().baseModel());
        } catch (InvalidInputException e) {
            throw AtelierException.invalidParams("adapter", "Adapter " + adapter.id() + " adapts "
                    + adapter.spec().baseModel() + ", which is not installed: adapters.evaluate draws with that"
                    + " model.");
        }
        // The evaluation measures the brand's declared codes: without a palette there is no colour to look for.
        run(() -> {
            BrandEvaluationPlan.requireDeclaredColour(store.brands().get(scope, adapter.brand()));
            return null;
        });
        return new JobSubmitted(jobs.submit(EVALUATE_KIND, caller, adapter.brand(), evaluations.create(adapter)));
    }

    static AdapterInfo info(AdapterRecord a) {
        AdapterEvaluation evaluation = null;
        if (a.evaluationJson() != null) {
            try {
                evaluation = JSON.readValue(a.evaluationJson(), AdapterEvaluation.class);
            } catch (IOException e) {
                evaluation = null; // an unreadable stored evaluation is shown as none
            }
        }
        var spec = a.spec();
        String finished = a.finishedAt() != null ? a.finishedAt().toString() : a.createdAt().toString();
        return new AdapterInfo(a.id(), a.brand(), spec.baseModel(), spec.baseModelSha256(), spec.rank(), spec.steps(),
                spec.learningRate(), spec.seed(), spec.datasetSha256(), spec.datasetItems(), finished, a.current(),
                evaluation);
    }

    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            String what = "adapter".equals(e.field()) ? "Adapter" : "Brand";
            throw new AtelierException(ErrorCodes.NOT_FOUND, what + " not found.", e.field());
        } catch (InvalidInputException e) {
            String reason = e.reason();
            throw AtelierException.invalidParams(e.field(),
                    Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".");
        }
    }
}
