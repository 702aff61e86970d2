package io.atelier.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./atelier eval micro} and {@code ./atelier eval brand ID}: judge-scored measurements for whoever trains or
 * chooses a model. {@code eval image} (what the judge sees in one image) is the app's, in atelier.jar.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Scores generations with the judge and prints the rates.",
        subcommands = {EvalMicroCommand.class, DemoCommand.EvalBrand.class})
public final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
