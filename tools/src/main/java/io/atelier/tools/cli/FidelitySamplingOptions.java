package io.atelier.tools.cli;

import picocli.CommandLine.Option;

/** How many images a brand fidelity evaluation draws: {@code --seeds} per prompt, {@code --sample-steps} each. */
final class FidelitySamplingOptions {
    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per evaluation prompt.")
    int seeds;

    @Option(names = "--sample-steps", defaultValue = "20", description = "Sampler steps per evaluation image.")
    int sampleSteps;
}
