package io.atelier.bridge.cli;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.dataset.JudgeCaptionProposer;
import io.atelier.brands.image.ImageValidator;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.dataset.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code atelier dataset …}: a brand's curated training images. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Manage brand datasets.",
        subcommands = {DatasetCommand.Import.class})
final class DatasetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a folder or ZIP of PNG/JPEG images into a brand's dataset; captions come from "
                    + "sidecar files of the same name (.txt, or .json with caption, tags, source).")
    static final class Import implements Callable<Integer> {
        @Option(names = "--brand", required = true, paramLabel = "ID", description = "The brand whose dataset grows.")
        String brand;

        @Parameters(paramLabel = "DIR|ZIP", description = "A folder or a ZIP file.")
        Path source;

        @Mixin
        HomeOption home;

        @Override
        public Integer call() {
            try (JudgeCaptionProposer proposer = JudgeCaptionProposer.loadingOnFirstUse();
                 BrandStore store = BrandStore.open(home.resolve(), proposer, ImageValidator.DEFAULT_MAX_PIXELS)) {
                ImportReport report = store.importer().importFrom(BrandScope.admin(), brand, source, System.err);
                System.out.println("Imported " + report.added() + " image(s) into " + brand + "; "
                        + report.duplicates() + " already there, " + report.captionsProposed() + " with a proposed caption to confirm, "
                        + report.captionsMissing() + " without caption, "
                        + report.rejected().size() + " refused.");
                report.rejected().forEach(r -> System.out.println("  refused " + r.name() + ": " + r.reason()));
                return report.rejected().isEmpty() ? 0 : 3;
            } catch (NotFoundException e) {
                System.err.println("No brand " + brand + " here: create it first (brands.create).");
                return 2;
            } catch (InvalidInputException e) {
                System.err.println(e.reason());
                return 2;
            }
        }
    }
}
