package io.atelier.preview.cli;

import picocli.CommandLine;

/** Stand-alone entry: {@code java -cp … io.atelier.preview.cli.PreviewMain render --scene store --out out}. */
public final class PreviewMain {
    private PreviewMain() {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new PreviewCommand()).execute(args);
        System.exit(code);
    }
}
