package io.atelier.bridge.batch;

import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.client.AtelierClient;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bridge a shell command talks to: the one running at {@code url} with the admin token of {@code <home>} (as
 * {@link AtelierClient#fromHome} reads it), or, when none answers there, one started in this process on that home
 * (port 0) for as long as the command runs.
 */
public final class BridgeConnection implements AutoCloseable {
    private final AtelierClient client;
    private final Bridge inProcess;

    private BridgeConnection(AtelierClient client, Bridge inProcess) {
        this.client = client;
        this.inProcess = inProcess;
    }

    public static BridgeConnection open(Path home, String url, PrintStream notes) throws Exception {
        if (Files.exists(home.resolve("token"))) {
            AtelierClient running = AtelierClient.fromHome(home, url);
            try {
                running.call("session.initialize", Map.of("clientName", "atelier-cli"));
                return new BridgeConnection(running, null);
            } catch (UncheckedIOException nobodyThere) {
                running.close();
            }
        }
        notes.println("No bridge answers at " + url + "; starting one in this process on " + home);
        Bridge bridge = GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS)).start();
        AtelierClient client = AtelierClient.create(bridge.baseUri().toString(), bridge.tokens().readAdminToken());
        client.call("session.initialize", Map.of("clientName", "atelier-cli"));
        return new BridgeConnection(client, bridge);
    }

    public AtelierClient client() {
        return client;
    }

    /** True when this command started the bridge itself. */
    public boolean inProcess() {
        return inProcess != null;
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (inProcess != null) {
            inProcess.close();
        }
    }
}
