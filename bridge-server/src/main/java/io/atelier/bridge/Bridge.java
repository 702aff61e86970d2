package io.atelier.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.BrandStore;
import io.atelier.brands.dataset.JudgeCaptionProposer;
import io.atelier.brands.image.ImageValidator;
import io.atelier.bridge.brands.BrandAwareImageStore;
import io.atelier.bridge.brands.BrandServices;
import io.atelier.bridge.http.JettyServer;
import io.atelier.bridge.images.FileImageStore;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.jobs.DatabaseJobStore;
import io.atelier.bridge.jobs.QueueWorker;
import io.atelier.bridge.jobs.WorkerHeartbeats;
import io.atelier.bridge.metrics.BridgeMetrics;
import io.atelier.bridge.jobs.SharedJobQueue;
import io.atelier.bridge.models.ModelCatalog;
import io.atelier.bridge.preview.PreviewServiceImpl;
import io.atelier.bridge.rpc.RpcBinding;
import io.atelier.bridge.rpc.RpcDispatcher;
import io.atelier.bridge.rpc.RpcMapper;
import io.atelier.bridge.security.PrivateFiles;
import io.atelier.bridge.security.TokenStore;
import io.atelier.bridge.services.ClientNames;
import io.atelier.bridge.services.JobsServiceImpl;
import io.atelier.bridge.services.ModelsServiceImpl;
import io.atelier.bridge.services.RpcDiscoverServiceImpl;
import io.atelier.bridge.services.SessionServiceImpl;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.ModelsService;
import io.atelier.protocol.service.PreviewService;
import io.atelier.protocol.service.RpcDiscoverService;
import io.atelier.protocol.service.SessionService;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One bridge: tokens, image store, job manager, dispatcher and the Jetty server, wired together. Create it, add the
 * services that submit work ({@link #addService}, e.g. {@code images.*} from the engine), then {@link #start()}.
 */
public final class Bridge implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Bridge.class);
    /** How often a team worker writes its heartbeat (models, memory, CPU) for {@code /metrics}. */
    private static final java.time.Duration HEARTBEAT_EVERY = java.time.Duration.ofSeconds(5);
    private final BridgeConfig config;
    private final ObjectMapper mapper;
    private final TokenStore tokens;
    private final ImageStore images;
    private final BrandStore brandStore;
    private final JobManager jobs;
    private final ModelCatalog models;
    private final List<RpcBinding> extraServices = new ArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final ClientNames clients = new ClientNames();
    private final ScheduledExecutorService timer;
    private RpcDispatcher dispatcher;
    private JettyServer server;
    private JobManager.Resumed resumed = new JobManager.Resumed(List.of(), 0);
    private final SharedJobQueue queue;
    private final DatabaseJobStore journal;
    private QueueWorker worker;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private Bridge(BridgeConfig config, ModelCatalog models) throws IOException {
        this.config = config;
        this.models = models;
        this.mapper = RpcMapper.create(config.rpcLimits());
        this.tokens = TokenStore.open(config.home());
        // Images added to a dataset without a caption get one proposed from what the judge sees.
        JudgeCaptionProposer proposer = JudgeCaptionProposer.loadingOnFirstUse();
        closeAfter.add(proposer);
        this.brandStore = BrandStore.open(config.home(), config.databaseLocation(), proposer,
                ImageValidator.DEFAULT_MAX_PIXELS);
        this.images = new BrandAwareImageStore(new FileImageStore(config.home().resolve("images")), brandStore.images());
        // Every prompt, caption and token lives under the home: private from the first start, older homes tightened.
        PrivateFiles.makePrivate(config.home());
        // Jobs are journalled beside history, so that nothing accepted is lost to a crash (see start()).
        this.journal = new DatabaseJobStore(brandStore.database());
        this.jobs = new JobManager(journal, images, config.jobLimits(), Clock.systemUTC());
        // In a team, jobs that can run anywhere go through the queue the team's processes share.
        this.queue = config.sharesQueue() ? new SharedJobQueue(brandStore.database(), journal, Clock.systemUTC())
                : null;
        if (queue != null) {
            jobs.shareQueue(queue);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "atelier-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A bridge not started yet; its home folder and admin token exist once this returns. */
    public static Bridge create(BridgeConfig config, ModelCatalog models) throws IOException {
        return new Bridge(config, models);
    }

    /** Adds a service beyond the built-in session, models, jobs and rpc ones; only before {@link #start()}. */
    public Bridge addService(RpcBinding binding) {
        if (dispatcher != null) {
            throw new IllegalStateException("services are added before start()");
        }
        extraServices.add(binding);
        return this;
    }

    /** Closes {@code resource} (e.g. the diffusion engine) when the bridge closes, after its jobs have stopped. */
    public Bridge closeWith(AutoCloseable resource) {
        closeAfter.add(resource);
        return this;
    }

    public Bridge start() throws Exception {
        AtomicReference<RpcDispatcher> built = new AtomicReference<>();
        List<RpcBinding> bindings = new ArrayList<>();
        bindings.add(RpcBinding.perCaller(SessionService.class, caller -> new SessionServiceImpl(
                () -> built.get().methodNames(), BrandServices.brandIdsVisibleTo(brandStore), clients, caller)));
        bindings.add(RpcBinding.of(ModelsService.class, new ModelsServiceImpl(models)));
        bindings.add(RpcBinding.perCaller(JobsService.class, caller -> new JobsServiceImpl(jobs, caller)));
        bindings.add(RpcBinding.of(RpcDiscoverService.class,
                new RpcDiscoverServiceImpl(mapper, () -> built.get().methodNames())));
        bindings.addAll(BrandServices.bindings(brandStore, images, models));
        PreviewServiceImpl preview = new PreviewServiceImpl(jobs, images, brandStore);
        bindings.add(RpcBinding.perCaller(PreviewService.class, caller -> params -> preview.render(params, caller)));
        bindings.addAll(extraServices);
        dispatcher = new RpcDispatcher(mapper, config.rpcLimits(), bindings);
        resumeJobs();
        built.set(dispatcher);
        if (queue != null && config.role().runsJobs()) {
            worker = new QueueWorker(queue, jobs, images, tokens::scopeOf, workerId(), config.workerModels(),
                    models::warmModelIds, config.jobLimits().workers(), config.jobLimits().maxAttempts(), config.workerLease(),
                    Clock.systemUTC(), record -> brandStore.history().failUnfinishedOf(record.jobId(),
                            Clock.systemUTC().instant()));
            worker.startHeartbeats(new WorkerHeartbeats(brandStore.database(), Clock.systemUTC()), HEARTBEAT_EVERY);
        }
        if (config.role().serves()) {
            BridgeMetrics metrics = new BridgeMetrics(journal,
                    new WorkerHeartbeats(brandStore.database(), Clock.systemUTC()));
            server = new JettyServer(config, dispatcher, tokens, images, metrics, timer);
            server.start();
        }
        return this;
    }

    /** This process's name in the queue's leases: the machine and the process, so that two never share one. */
    private static String workerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /** The queue worker of a team process that runs jobs; null on a bridge alone or one that only serves. */
    public QueueWorker queueWorker() {
        return worker;
    }

    /** The queue a team's processes share; null for a bridge alone (SQLite). */
    public SharedJobQueue sharedQueue() {
        return queue;
    }

    /**
     * Jobs a crash left queued or running run again (or fail with a reason), and history rows of jobs that will never
     * finish say failed instead of running for ever. Then finished jobs past the retention period are forgotten,
     * hourly.
     */
    private void resumeJobs() {
        long started = System.nanoTime();
        resumed = jobs.resume(tokens::scopeOf);
        // In a team, unfinished history belongs to jobs other processes may be running.
        int orphans = queue != null ? 0
                : brandStore.history().failUnfinishedExcept(resumed.jobIds(), Clock.systemUTC().instant());
        LOG.debug("Resumed {} jobs ({} not), marked {} unfinished history records failed, in {} ms",
                resumed.jobIds().size(), resumed.failed(), orphans, (System.nanoTime() - started) / 1_000_000);
        timer.scheduleAtFixedRate(jobs::forgetExpired, 1, 1, java.util.concurrent.TimeUnit.HOURS);
    }

    /** What the start found left over by the last stop: jobs queued again, jobs failed. */
    public JobManager.Resumed resumedJobs() {
        return resumed;
    }

    /** Waits until the bridge stops (a worker, which serves no HTTP, until it is closed). */
    public void join() throws InterruptedException {
        if (server != null) {
            server.join();
        } else {
            closed.await();
        }
    }

    /** The port bound; -1 for a worker, which serves no HTTP. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** e.g. {@code http://127.0.0.1:7437} */
    public URI baseUri() {
        String host = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]"
                : config.host();
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return URI.create((config.tls() == null ? "http://" : "https://") + host + ":" + port());
    }

    public BridgeConfig config() {
        return config;
    }

    /** What {@code models.list} answers. */
    public ModelCatalog models() {
        return models;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public JobManager jobs() {
        return jobs;
    }

    public ImageStore images() {
        return images;
    }

    /** Brands, datasets, history and adapters under {@code <home>/atelier.db} and {@code <home>/blobs/}. */
    public BrandStore brandStore() {
        return brandStore;
    }

    /** The client names callers declared in {@code session.initialize}. */
    public ClientNames clients() {
        return clients;
    }

    public RpcDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (worker != null) {
                worker.close();
            }
            jobs.close();
            closed.countDown();
            timer.shutdownNow();
            for (AutoCloseable resource : closeAfter) {
                resource.close();
            }
            brandStore.close();
        }
    }
}
