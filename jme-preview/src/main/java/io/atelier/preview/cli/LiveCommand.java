package io.atelier.preview.cli;

import picocli.CommandLine.Command;

/** {@code preview live}: opens the viewer window following the bridge. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Open the 3D viewer and follow the bridge: new images appear on the garment and in the store.")
public final class LiveCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("error: live mode is not available in this build yet");
    }
}
