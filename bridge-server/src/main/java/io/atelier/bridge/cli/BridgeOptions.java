package io.atelier.bridge.cli;

import io.atelier.bridge.batch.BridgeConnection;
import io.atelier.client.AtelierClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --home}: how a client command reaches a bridge (a running one, else one started in this
 * process over the same home), shared by {@code generate}, {@code batch} and {@code upscale}.
 */
final class BridgeOptions {
    @Option(names = "--url", defaultValue = AtelierClient.DEFAULT_URL,
            description = "A running bridge (default: ${DEFAULT-VALUE}); when none answers, one runs in this process.")
    String url;

    @Mixin
    HomeOption home;

    BridgeConnection open() throws Exception {
        return BridgeConnection.open(home.resolve(), url, System.err);
    }
}
