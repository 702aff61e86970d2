package io.atelier.bridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./atelier eval …}: how well a model draws what was asked, scored by the judge. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Scores generations with the judge and prints the rates.",
        subcommands = {EvalMicroCommand.class, EvalImageCommand.class, DemoCommand.EvalBrand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
