package io.atelier.bridge.cli;

import io.atelier.bridge.BridgeVersion;
import io.atelier.preview.cli.PreviewCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./atelier}: the one entry point. */
@Command(name = "atelier", mixinStandardHelpOptions = true, versionProvider = AtelierCli.Version.class,
        description = "Atelier: brand-specialised image generation served locally to your creative tools.",
        subcommands = {ServeCommand.class, GenerateCommand.class, BatchCommand.class, CapsuleCommand.class,
                UpscaleCommand.class,
                TokenCommand.class,
                DatasetCommand.class, EvalCommand.class, PreviewCommand.class},
        footer = {"", "Benchmarks and demos (bench, demo, eval micro, eval brand) are in the tools module: ./atelier"
                + " runs them from tools/target/atelier-tools.jar (./atelier bench --help)."})
public final class AtelierCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new AtelierCli())
                .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
                    // A sentence, not a stack trace: the cause is usually the port or the home folder.
                    commandLine.getErr().println("atelier: " + failure.getMessage());
                    return 1;
                })
                .execute(args);
        if (exit != 0 || !isServe(args)) {
            System.exit(exit);
        }
    }

    private static boolean isServe(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"atelier " + BridgeVersion.current()};
        }
    }
}
