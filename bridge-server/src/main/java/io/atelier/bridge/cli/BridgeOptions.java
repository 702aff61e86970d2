package io.atelier.bridge.cli;

import io.atelier.bridge.batch.BridgeConnection;
import io.atelier.client.AtelierClient;
import java.io.PrintStream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --home}: how a shell command reaches the bridge ({@code generate}, {@code batch},
 * {@code capsule}, {@code upscale}), one definition for all of them.
 */
final class BridgeOptions {
    @Option(names = "--url", defaultValue = AtelierClient.DEFAULT_URL,
            description = "A running bridge (default: ${DEFAULT-VALUE}); when none answers, one runs in this process.")
    String url;

    @Mixin
    HomeOption home;

    /** The running bridge at {@code --url} with the admin token of {@code --home}, else one in this process. */
    BridgeConnection open(PrintStream notes) throws Exception {
        return BridgeConnection.open(home.resolve(), url, notes);
    }
}
