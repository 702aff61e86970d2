package io.atelier.bridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./atelier eval image}: what the judge sees in an image. The measurements ({@code eval micro}, {@code eval
 * brand}) are developer tools: the launcher runs them from the tools module's jar.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Asks the judge what an image shows.",
        footer = {"", "eval micro and eval brand (judge-scored rates of a model, of a brand's adapter) are developer"
                + " tools: ./atelier runs them from the tools module's jar."},
        subcommands = {EvalImageCommand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
