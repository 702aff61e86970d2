package io.atelier.tools;

import io.atelier.bridge.BridgeVersion;
import io.atelier.tools.cli.BenchCommand;
import io.atelier.tools.cli.DemoCommand;
import io.atelier.tools.cli.EvalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tools' entry point ({@code tools/target/atelier-tools.jar}): benchmarks, the demo house and the judge-scored
 * measurements, kept out of the app's jar. The launcher runs it for {@code ./atelier bench …}, {@code demo …},
 * {@code eval micro} and {@code eval brand}, so it answers to the name {@code atelier}.
 */
@Command(name = "atelier", mixinStandardHelpOptions = true, versionProvider = AtelierTools.Version.class,
        description = "Atelier's developer tools: benchmarks, demos and measurements.",
        subcommands = {BenchCommand.class, DemoCommand.Demo.class, EvalCommand.class})
public final class AtelierTools implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AtelierTools())
                .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
                    commandLine.getErr().println("atelier: " + failure.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"atelier tools " + BridgeVersion.current()};
        }
    }
}
