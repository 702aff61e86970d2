package io.atelier.preview.cli;

import picocli.CommandLine.Command;

/**
 * {@code preview}: the parent command the bridge CLI registers. Without a subcommand it opens the live viewer
 * (see {@link LiveCommand}); {@code preview render} renders stills headless.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "3D previews of garments and store concepts.",
        subcommands = {RenderCommand.class, LiveCommand.class})
public final class PreviewCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return new picocli.CommandLine(new LiveCommand()).execute();
    }
}
