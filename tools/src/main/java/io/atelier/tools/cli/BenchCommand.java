package io.atelier.tools.cli;

import io.atelier.tools.bench.GenerateBench;
import io.atelier.tools.bench.RpcBench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code atelier bench …}: each benchmark as a subcommand that prints its figures (README, Benchmarks). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Rpc.class, BenchCommand.Generate.class, BenchCommand.Checkpoint.class,
                BenchCommand.Durability.class, BenchCommand.BatchDurability.class, BenchCommand.Upscale.class,
                BenchCommand.UpscaleQuality.class, BenchCommand.AdapterTraining.class, BenchCommand.Team.class,
                BenchCommand.Preview.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "rpc", mixinStandardHelpOptions = true,
            description = "Concurrent session.initialize/jobs.list against the bridge, then against bare Jetty.")
    static final class Rpc implements Callable<Integer> {
        @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per target (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per target (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws Exception {
            RpcBench.run(clients, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup), System.out);
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generation on the default model through an in-process bridge and the java-client.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "5", description = "Timed single generations (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients for throughput (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--python-script", paramLabel = "FILE",
                description = "tools/bench/python_reference.py (default: found under the working folder or the checkout).")
        String pythonScript;

        @Override
        public Integer call() throws Exception {
            GenerateBench.run(runs, clients, pythonScript, System.out);
            return 0;
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = "A full-size SD-1.x checkpoint: load time, guided UNet step at 256 and 512 px with FLOP/s"
                    + " against the matmul peak, share inside forwards, peak RSS (tools/sd/write_full_random_sd15.py"
                    + " writes a random-weight one).")
    static final class Checkpoint implements Callable<Integer> {
        @picocli.CommandLine.Parameters(paramLabel = "FILE", description = "An SD-1.x .safetensors checkpoint.")
        java.nio.file.Path file;

        @Option(names = "--steps", defaultValue = "4", description = "Steps of the 512 px generation (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--memory-only", description = "Load and one generation with the peak memory of each; no UNet"
                + " step timings (minutes fewer).")
        boolean memoryOnly;

        @Override
        public Integer call() throws Exception {
            io.atelier.tools.bench.engine.CheckpointBenchmark.run(file, steps, !memoryOnly, System.out);
            return 0;
        }
    }

    @Command(name = "adapter-train", mixinStandardHelpOptions = true,
            description = "Brand-adapter (attention LoRA) training on an SD-1.x checkpoint: seconds per training step"
                    + " at each size, peak RSS (tools/sd/write_full_random_sd15.py writes a random-weight one).")
    static final class AdapterTraining implements Callable<Integer> {
        @picocli.CommandLine.Parameters(paramLabel = "FILE", description = "An SD-1.x .safetensors checkpoint.")
        java.nio.file.Path file;

        @Option(names = "--sizes", defaultValue = "256,512", split = ",",
                description = "Training resolutions (default: ${DEFAULT-VALUE}).")
        int[] sizes;

        @Option(names = "--steps", defaultValue = "4", description = "Steps per size (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--rank", defaultValue = "8", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
        int rank;

        @Option(names = "--batch", defaultValue = "1", description = "Examples per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() throws Exception {
            io.atelier.tools.bench.AdapterTrainingBench.run(file, sizes, steps, rank, batch, System.out);
            return 0;
        }
    }

    @Command(name = "upscale", mixinStandardHelpOptions = true,
            description = "A SIZExSIZE photograph upscaled x4 by each installed ESRGAN model in this process: seconds,"
                    + " seconds per output megapixel, peak RSS.")
    static final class Upscale implements Callable<Integer> {
        @Option(names = "--size", defaultValue = "1024", description = "Input side (default: ${DEFAULT-VALUE}, i.e. 4096x4096 out).")
        int size;

        @Option(names = "--models", split = ",", description = "Model ids (default: every installed one).")
        java.util.List<String> models;

        @Option(names = "--out", paramLabel = "DIR", description = "Also write each result there.")
        java.nio.file.Path out;

        @Override
        public Integer call() throws Exception {
            java.util.List<String> ids = models != null ? models : io.atelier.engine.upscale.UpscalerPackage
                    .installedPackages().stream().map(io.atelier.engine.upscale.UpscalerPackage::id).toList();
            io.atelier.tools.bench.engine.UpscaleBenchmark.run(ids, size, out, System.out);
            return 0;
        }
    }

    @Command(name = "upscale-quality", mixinStandardHelpOptions = true,
            description = "PSNR and SSIM of bicubic and each ESRGAN model on python3-skimage's photographs, each"
                    + " shrunk x4 and enlarged back (the table in docs/upscale.md).")
    static final class UpscaleQuality implements Callable<Integer> {
        @Option(names = "--photos", paramLabel = "DIR", description = "Folder of the photographs (default: python3-skimage's data).")
        java.nio.file.Path photos = io.atelier.tools.bench.engine.UpscaleQualityBenchmark.SKIMAGE_DATA;

        @Option(names = "--crop", defaultValue = "384", description = "Centre crop side (default: ${DEFAULT-VALUE}).")
        int crop;

        @Override
        public Integer call() throws Exception {
            io.atelier.tools.bench.engine.UpscaleQualityBenchmark.run(photos, crop, System.out);
            return 0;
        }
    }

    @Command(name = "durability", mixinStandardHelpOptions = true,
            description = "Submits jobs from 3 tokens to a bridge in a child JVM, kills it with SIGKILL at a random "
                    + "moment and restarts it, round after round; prints accepted/completed/lost/duplicated jobs.")
    static final class Durability implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "20", description = "Kills (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--jobs", defaultValue = "30", description = "Jobs per round (default: ${DEFAULT-VALUE}).")
        int jobs;

        @Option(names = "--kill-window-ms", defaultValue = "12000",
                description = "The kill falls within this long after a round starts (default: ${DEFAULT-VALUE}).")
        long killWindowMillis;

        @Option(names = "--seed", defaultValue = "13", description = "Random seed of the kill moments (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            io.atelier.tools.bench.DurabilityBench.Result result = io.atelier.tools.bench.DurabilityBench.run(
                    rounds, jobs, killWindowMillis, seed, System.out);
            boolean ok = result.lost() == 0 && result.duplicated() == 0 && result.historyDisagreements() == 0
                    && result.stuckHistoryRows() == 0 && "ok".equals(result.integrityCheck());
            return ok ? 0 : 1;
        }
    }

    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = "atelier batch of N lines against a bridge in a child JVM killed with SIGKILL during it; "
                    + "prints failed lines, what a re-run skips, duplicated jobs and images/s.")
    static final class BatchDurability implements Callable<Integer> {
        @Option(names = "--lines", defaultValue = "200", description = "Lines (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = "--kills", defaultValue = "2", description = "Kills during the batch (default: ${DEFAULT-VALUE}).")
        int kills;

        @Option(names = "--parallel", defaultValue = "8", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Override
        public Integer call() throws Exception {
            io.atelier.tools.bench.BatchDurabilityBench.Result result =
                    io.atelier.tools.bench.BatchDurabilityBench.run(lines, kills, parallel, 13, System.out);
            boolean ok = result.failedLines() == 0 && result.skippedOnRerun() == lines
                    && result.duplicatedJobs() == 0 && result.jobs() == lines;
            return ok ? 0 : 1;
        }
    }

    @Command(name = "team", mixinStandardHelpOptions = true,
            description = "A team on this machine (a throwaway PostgreSQL, bridge and worker processes): throughput of"
                    + " one shared queue with 1, 2, ... workers.")
    static final class Team implements Callable<Integer> {
        @Option(names = "--max-workers", defaultValue = "3", description = "Runs with 1..N workers (default: ${DEFAULT-VALUE}).")
        int maxWorkers;

        @Option(names = "--jobs", defaultValue = "60", description = "Generations per run (default: ${DEFAULT-VALUE}).")
        int jobs;

        @Option(names = "--steps", defaultValue = "4", description = "Steps per generation (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--crash", description = "Instead: one run of 2 bridges and --max-workers workers, 6 tokens"
                + " of 3 brands, killing a worker (kill -9) at 30% of the jobs and a bridge at 50%; exit 1 when a job"
                + " is lost, finished twice or seen by another brand.")
        boolean crash;

        @Override
        public Integer call() throws Exception {
            if (crash) {
                io.atelier.tools.bench.TeamBench.Result result = io.atelier.tools.bench.TeamBench.run(
                        new io.atelier.tools.bench.TeamBench.Settings(2, maxWorkers, 3, 2, jobs, steps, 0.3, 3),
                        System.out);
                return result.lost() == 0 && result.finishedTwice() == 0 && result.crossBrand() == 0
                        && result.succeeded() == result.accepted() ? 0 : 1;
            }
            List<String> lines = new ArrayList<>();
            for (int workers = 1; workers <= maxWorkers; workers++) {
                io.atelier.tools.bench.TeamBench.Result result = io.atelier.tools.bench.TeamBench.run(
                        new io.atelier.tools.bench.TeamBench.Settings(1, workers, 3, 2, jobs, steps, -1, 15),
                        System.out);
                lines.add(String.format("%d worker(s): %.2f jobs/s (%d jobs in %d ms, %d lost, %d twice)", workers,
                        result.jobsPerSecond(), result.accepted(), result.millis(), result.lost(),
                        result.finishedTwice()));
            }
            System.out.println("Team throughput on one queue (" + Runtime.getRuntime().availableProcessors()
                    + " cores shared by every worker):");
            lines.forEach(line -> System.out.println("  " + line));
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "A 1280x720 store still and a 12-frame garment turntable rendered by a child JVM (as"
                    + " ./atelier preview render starts one, under xvfb-run without a display): wall time, CPU, peak RSS.")
    static final class Preview implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "3", description = "Renders of each (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            io.atelier.tools.bench.preview.PreviewBenchmark.run(runs);
            return 0;
        }
    }
}
