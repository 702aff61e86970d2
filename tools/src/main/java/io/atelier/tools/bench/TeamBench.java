package io.atelier.tools.bench;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.dataset.CaptionProposer;
import io.atelier.brands.image.ImageValidator;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.LocalPostgres;
import io.atelier.brands.store.Sql;
import io.atelier.bridge.jobs.WorkerHeartbeats;
import io.atelier.bridge.security.TokenStore;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobsFinishedNotification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A team deployment on one machine, every part a real process: a throwaway PostgreSQL ({@link LocalPostgres}),
 * {@code bridges} processes started {@code --role bridge} and {@code workers} started {@code --role worker}, all on
 * one home folder (the shared blob store) and one database. Designers (one WebSocket per token, tokens scoped to
 * brands, spread over the bridges) submit small atelier-micro generations; optionally one worker is killed with
 * SIGKILL once a share of the jobs has finished. It counts what a team must never see: a job lost, a job finished
 * twice, a token seeing another brand's job.
 */
public final class TeamBench {

    /**
     * @param bridges         bridge processes (designers connect to them in turn)
     * @param workers         worker processes
     * @param brands          brands, each with its own tokens
     * @param tokensPerBrand  designers per brand
     * @param jobs            generations submitted in all, spread over the tokens
     * @param steps           denoising steps per generation (small keeps the run short)
     * @param killAfter       share of jobs finished (0..1) when one worker is killed; negative: no kill
     * @param leaseSeconds    the workers' lease: how long a killed worker's jobs wait to be claimed again
     */
    public record Settings(int bridges, int workers, int brands, int tokensPerBrand, int jobs, int steps,
                           double killAfter, int leaseSeconds) {
    }

    /**
     * What the run found; lost, finishedTwice, notSucceeded and crossBrand must be 0.
     *
     * @param reclaimed jobs that ran on more than one worker (claimed again after the kill)
     * @param workersReporting workers whose heartbeat (for {@code /metrics}) carries their resident memory
     */
    public record Result(int accepted, int succeeded, int notSucceeded, int lost, int finishedTwice, int crossBrand,
                         int reclaimed, int workersReporting, long millis) {
        public double jobsPerSecond() {
            return millis == 0 ? 0 : accepted * 1000.0 / millis;
        }
    }

    private TeamBench() {
    }

    public static Result run(Settings settings, PrintStream out) throws Exception {
        Path home = Files.createTempDirectory("atelier-team-");
        List<BridgeProcess> processes = new ArrayList<>();
        List<AtelierSocket> sockets = new ArrayList<>();
        try (LocalPostgres postgres = LocalPostgres.start()) {
            try {
                return run(settings, out, home, postgres.createDatabase(), processes, sockets);
            } finally {
                // Before the database stops, so that no process logs its loss.
                for (AtelierSocket socket : sockets) {
                    socket.close();
                }
                for (BridgeProcess process : processes) {
                    process.close();
                }
            }
        }
    }

    private static Result run(Settings settings, PrintStream out, Path home, String database,
                              List<BridgeProcess> processes, List<AtelierSocket> sockets) throws Exception {
        // Step 1: brands in the shared database, tokens scoped to them in the shared home.
        List<String> brandIds = new ArrayList<>();
        try (BrandStore store = BrandStore.open(home, DatabaseLocation.postgresql(database), CaptionProposer.NONE,
                ImageValidator.DEFAULT_MAX_PIXELS)) {
            for (int b = 0; b < settings.brands(); b++) {
                String id = "house-" + b;
                store.brands().create(BrandScope.admin(), new NewBrand(id, "House " + b, null, null, null, null));
                brandIds.add(id);
            }
        }
        TokenStore tokens = TokenStore.open(home);
        List<String[]> designers = new ArrayList<>(); // {secret, brand}
        for (String brand : brandIds) {
            for (int t = 0; t < settings.tokensPerBrand(); t++) {
                designers.add(new String[] {tokens.createScoped(List.of(brand)).secret(), brand});
            }
        }
        // Step 2: the processes, started side by side.
        Path logs = Files.createDirectories(home.resolveSibling(home.getFileName() + "-logs"));
        out.println("Team: home " + home + ", logs " + logs + ", database " + database);
        List<String> shared = List.of("--database", database);
        List<BridgeProcess> bridges = new ArrayList<>();
        List<BridgeProcess> workers = new ArrayList<>();
        for (int i = 0; i < settings.bridges(); i++) {
            List<String> options = new ArrayList<>(shared);
            options.addAll(List.of("--role", "bridge"));
            bridges.add(BridgeProcess.start(home, logs.resolve("bridge-" + i + ".log"), options));
        }
        processes.addAll(bridges);
        for (int i = 0; i < settings.workers(); i++) {
            List<String> options = new ArrayList<>(shared);
            options.addAll(List.of("--role", "worker", "--worker-lease", String.valueOf(settings.leaseSeconds())));
            workers.add(BridgeProcess.start(home, logs.resolve("worker-" + i + ".log"), options));
        }
        processes.addAll(workers);
        // Step 3: every designer's socket on a bridge, counting the jobs.finished it hears per job.
        Map<String, AtomicInteger> finishes = new ConcurrentHashMap<>();
        Map<String, String> brandOfJob = new ConcurrentHashMap<>();
        Map<String, Integer> designerOfJob = new ConcurrentHashMap<>();
        NotificationListener counting = new NotificationListener() {
            @Override
            public void onFinished(JobsFinishedNotification finished) {
                finishes.computeIfAbsent(finished.jobId(), id -> new AtomicInteger()).incrementAndGet();
            }
        };
        List<AtelierClient> clients = new ArrayList<>();
        for (int d = 0; d < designers.size(); d++) {
            AtelierClient client = AtelierClient.create(bridges.get(d % bridges.size()).url(), designers.get(d)[0]);
            clients.add(client);
            sockets.add(client.openSocket(counting));
        }
        // Step 4: submit, round-robin over the designers (a token at its cap of jobs in flight is retried, as a
        // script would), killing a worker and then a bridge part-way through, whether still submitting or waiting.
        Crashes crashes = new Crashes(settings, workers, bridges, designers, clients, sockets, designerOfJob,
                finishes, counting, out);
        long started = System.nanoTime();
        for (int j = 0; j < settings.jobs(); j++) {
            int d = j % designers.size();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("prompt", "robe rouge " + j);
            params.put("brand", designers.get(d)[1]);
            params.put("seed", 1000L + j);
            params.put("steps", settings.steps());
            params.put("clientRequestId", "team-job-" + j);
            String jobId = null;
            while (jobId == null) {
                try {
                    jobId = sockets.get(d).call("images.generate", params).path("jobId").asText();
                } catch (AtelierRpcException e) {
                    if (e.code() != ErrorCodes.BUSY) {
                        throw e;
                    }
                    crashes.check(finishes.size(), settings.jobs());
                    Thread.sleep(50);
                }
            }
            brandOfJob.put(jobId, designers.get(d)[1]);
            designerOfJob.put(jobId, d);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            int done = finishes.size();
            crashes.check(done, brandOfJob.size());
            if (done >= brandOfJob.size()) {
                break;
            }
            Thread.sleep(50);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Step 5: what every designer's token sees, and what the database says.
        int crossBrand = 0;
        for (int d = 0; d < designers.size(); d++) {
            for (Map.Entry<String, String> job : brandOfJob.entrySet()) {
                boolean own = job.getValue().equals(designers.get(d)[1]);
                boolean visible;
                try {
                    clients.get(d).call("jobs.get", Map.of("jobId", job.getKey()));
                    visible = true;
                } catch (AtelierRpcException e) {
                    visible = false;
                }
                if (visible != own) {
                    crossBrand++;
                }
            }
        }
        int succeeded = 0;
        int reclaimed = 0;
        int workersReporting;
        try (AtelierDatabase db = AtelierDatabase.open(DatabaseLocation.postgresql(database))) {
            List<WorkerHeartbeats.Heartbeat> beats = new WorkerHeartbeats(db, java.time.Clock.systemUTC()).recent();
            workersReporting = (int) beats.stream().filter(b -> b.residentBytes() > 0).count();
            beats.forEach(b -> out.printf("worker %s (%s): resident %.2f GB, heap %.0f MB, CPU %.0f%%%n", b.workerId(),
                    b.models(), b.residentBytes() / 1e9, b.heapUsedBytes() / 1e6, 100 * b.cpuLoad()));
            for (String[] row : db.read(c -> Sql.query(c, "SELECT job_id, status, attempts FROM jobs",
                    List.of(), rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}))) {
                if (brandOfJob.containsKey(row[0]) && row[1].equals("succeeded")) {
                    succeeded++;
                }
                if (Integer.parseInt(row[2]) > 1) {
                    reclaimed++;
                }
            }
        }
        int lost = (int) brandOfJob.keySet().stream().filter(id -> !finishes.containsKey(id)).count();
        int twice = (int) finishes.values().stream().filter(n -> n.get() > 1).count();
        Result result = new Result(brandOfJob.size(), succeeded, brandOfJob.size() - succeeded, lost, twice,
                crossBrand, reclaimed, workersReporting, millis);
        out.printf("Team of %d bridges and %d workers, %d designers of %d brands: %d jobs accepted, %d succeeded,"
                        + " %d lost, %d finished twice, %d cross-brand sightings, %d claimed again; %.2f jobs/s"
                        + " (%d ms)%n", settings.bridges(), settings.workers(), designers.size(),
                settings.brands(), result.accepted(), result.succeeded(), result.lost(), result.finishedTwice(),
                result.crossBrand(), result.reclaimed(), result.jobsPerSecond(), result.millis());
        for (AtelierClient client : clients) {
            client.close();
        }
        return result;
    }

    /** The kills of a run: worker 0 once {@code killAfter} of the jobs finished, the last bridge 20% later. */
    private static final class Crashes {
        private final Settings settings;
        private final List<BridgeProcess> workers;
        private final List<BridgeProcess> bridges;
        private final List<String[]> designers;
        private final List<AtelierClient> clients;
        private final List<AtelierSocket> sockets;
        private final Map<String, Integer> designerOfJob;
        private final Map<String, AtomicInteger> finishes;
        private final NotificationListener counting;
        private final PrintStream out;
        private boolean workerKilled;
        private boolean bridgeKilled;

        Crashes(Settings settings, List<BridgeProcess> workers, List<BridgeProcess> bridges, List<String[]> designers,
                List<AtelierClient> clients, List<AtelierSocket> sockets, Map<String, Integer> designerOfJob,
                Map<String, AtomicInteger> finishes, NotificationListener counting, PrintStream out) {
            this.settings = settings;
            this.workers = workers;
            this.bridges = bridges;
            this.designers = designers;
            this.clients = clients;
            this.sockets = sockets;
            this.designerOfJob = designerOfJob;
            this.finishes = finishes;
            this.counting = counting;
            this.out = out;
            this.workerKilled = settings.killAfter() < 0;
            this.bridgeKilled = workerKilled || bridges.size() < 2;
        }

        void check(int done, int jobs) throws IOException, InterruptedException {
            if (!workerKilled && done >= settings.killAfter() * jobs) {
                workers.get(0).kill();
                out.println("Killed worker 0 (kill -9) after " + done + " jobs finished");
                workerKilled = true;
            }
            if (!bridgeKilled && done >= (settings.killAfter() + 0.2) * jobs) {
                // The last bridge dies too: its designers reconnect to the first and subscribe to their open jobs.
                BridgeProcess dead = bridges.get(bridges.size() - 1);
                dead.kill();
                out.println("Killed the last bridge (kill -9) after " + done + " jobs finished");
                for (int d = 0; d < designers.size(); d++) {
                    if (d % bridges.size() != bridges.size() - 1) {
                        continue;
                    }
                    AtelierClient moved = AtelierClient.create(bridges.get(0).url(), designers.get(d)[0]);
                    clients.set(d, moved);
                    AtelierSocket socket = moved.openSocket(counting);
                    AtelierSocket lost = sockets.set(d, socket);
                    try {
                        lost.close();
                    } catch (RuntimeException e) {
                        // its bridge is gone: nothing to close cleanly
                    }
                    for (Map.Entry<String, Integer> job : designerOfJob.entrySet()) {
                        if (job.getValue() == d && !finishes.containsKey(job.getKey())) {
                            socket.call("jobs.subscribe", Map.of("jobId", job.getKey()));
                        }
                    }
                }
                bridgeKilled = true;
            }
        }
    }
}
