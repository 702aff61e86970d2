package io.atelier.bridge.cli;

import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.BridgeVersion;
import io.atelier.bridge.adapters.AdapterServices;
import io.atelier.bridge.adapters.AdapterEvaluations;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.photopea.PhotopeaPlugin;
import io.atelier.bridge.security.OriginPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atelier serve}: runs the bridge until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the bridge.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = BridgeConfig.DEFAULT_HOST, description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "7437", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Serve /plugins/ from this folder instead of the built-in copy.")
    Path pluginsDir;

    @Option(names = "--model", paramLabel = "ID",
            description = "Default model for requests naming none (default: the embedded atelier-micro).")
    String model;

    @Option(names = "--allow-origin", paramLabel = "URL",
            description = "Also let this web origin call the bridge (CORS), e.g. https://editor.example.com; repeatable."
                    + " Photopea's origins are always allowed.")
    List<String> extraOrigins = new ArrayList<>();

    @Mixin
    HomeOption home;

    @Mixin
    DeploymentOptions deployment;

    @Override
    public Integer call() throws Exception {
        Set<String> origins = new TreeSet<>(OriginPolicy.DEFAULT_ALLOWED);
        for (String origin : extraOrigins) {
            String problem = OriginPolicy.problemWith(origin);
            if (problem != null) {
                System.err.println("--allow-origin " + origin + ": " + problem);
                return 2;
            }
            origins.add(origin);
        }
        BridgeConfig asked = BridgeConfig.defaults(home.resolve()).withHost(host).withPort(port).withPluginsDir(pluginsDir)
                .withJobLimits(GeneratingBridge.JOB_LIMITS).withAllowedOrigins(origins);
        BridgeConfig config;
        try {
            config = deployment.apply(asked);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!config.isLoopbackOnly()) {
            System.err.println("WARNING: binding " + host + " exposes the bridge beyond this computer. "
                    + "Every request still needs a token, but prefer 127.0.0.1 unless you need it.");
        }
        // adapters.*: trained on atelier-micro from the engine's registry, evaluated with the judge on its engine.
        AdapterServices[] adapters = new AdapterServices[1];
        Bridge bridge = GeneratingBridge.create(config, model, (b, engine) -> adapters[0] = AdapterServices.install(b,
                engine.models(), new AdapterEvaluations(b.brandStore(), () -> engine, config.home()))).start();
        JobManager.Resumed resumed = bridge.resumedJobs();
        if (!resumed.jobIds().isEmpty() || resumed.failed() > 0) {
            System.out.println("Resumed " + resumed.jobIds().size() + " jobs left queued or running by the last stop"
                    + (resumed.failed() > 0 ? "; " + resumed.failed() + " could not resume (jobs.get says why)" : ""));
        }
        if (config.sharesQueue()) {
            // Every process of a team would resume the same trainings: none does, and a designer starts it again.
            System.out.println("Team deployment: adapter trainings a stop interrupted are not resumed here.");
        } else {
            adapters[0].resumeInterrupted().forEach(id -> System.out.println("Resuming the training of adapter " + id));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                bridge.close();
            } catch (Exception e) {
                // Shutting down anyway.
            } finally {
                stopped.countDown();
            }
        }, "atelier-shutdown"));
        if (!config.role().serves()) {
            System.out.println("Atelier worker " + bridge.queueWorker().workerId() + " running "
                    + (config.workerModels().isEmpty() ? "any model's" : String.join(", ", config.workerModels()) + "")
                    + " jobs from the queue in " + config.databaseLocation().describe());
            System.out.println("Stop with Ctrl-C.");
            stopped.await();
            return 0;
        }
        String url = bridge.baseUri().toString();
        System.out.println("Atelier bridge " + BridgeVersion.current() + " listening on " + url);
        System.out.println("Token (admin, keep it private): " + bridge.tokens().adminTokenFile());
        bridge.models().models().stream().filter(m -> m.isDefault()).findFirst().ifPresent(m -> System.out.println(
                "Default model: " + m.id() + " (" + m.nativeWidth() + "x" + m.nativeHeight() + "); add a Stable"
                        + " Diffusion 1.5 .safetensors checkpoint by dropping it into "
                        + config.home().resolve("models")));
        bridge.models().problems().forEach(problem -> System.out.println("  Not used: " + problem));
        System.out.println("Connect a plugin: give it the URL " + url + " and the token from that file.");
        System.out.println("  Photopea: open " + PhotopeaPlugin.photopeaLink(url));
        System.out.println("    (the Atelier button appears on Photopea's right bar; or add "
                + url + PhotopeaPlugin.DESCRIPTOR_PATH + " in Photopea's Add plugin dialog)");
        System.out.println("  Health: " + url + "/health");
        System.out.println("  Scoped token for one brand: ./atelier token create --brand <id>");
        System.out.println("Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}
