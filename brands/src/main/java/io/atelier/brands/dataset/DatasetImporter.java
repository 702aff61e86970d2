package io.atelier.brands.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.store.JsonColumns;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Imports a folder or a ZIP of images into a brand's dataset: what {@code ./atelier dataset import --brand X DIR|ZIP}
 * runs. Each {@code .png}/{@code .jpg}/{@code .jpeg} may have a sidecar of the same base name: {@code name.txt} (the
 * caption) or {@code name.json} ({@code {"caption": …, "tags": […], "source": …}}). Without a caption, the
 * repository's {@link CaptionProposer} is asked. A bad file is reported and skipped; the rest goes on.
 */
public final class DatasetImporter {

    private final DatasetRepository datasets;

    public DatasetImporter(DatasetRepository datasets) {
        this.datasets = datasets;
    }

    /**
     * @param dirOrZip    a folder or a ZIP file
     * @param progressOut where the progress bar is drawn (the CLI's stderr), or null for none
     * @throws io.atelier.brands.NotFoundException the brand is absent or outside the scope
     * @throws InvalidInputException               the path is neither a folder nor a readable ZIP (field {@code path})
     */
    public ImportReport importFrom(BrandScope scope, String brand, Path dirOrZip, PrintStream progressOut) {
        datasets.list(scope, brand);
        if (!Files.isDirectory(dirOrZip) && !Files.isRegularFile(dirOrZip)) {
            throw new InvalidInputException("path", "give a folder or a ZIP file");
        }
        try (ImportSource source = ImportSource.open(dirOrZip)) {
            List<String> images = source.names().stream().filter(DatasetImporter::isImageName).toList();
            try (ProgressBar bar = progressBar(images.size(), progressOut)) {
                return importAll(scope, brand, source, images, bar);
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException("path", "the file is neither a folder nor a readable ZIP");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import source", e);
        }
    }

    private ImportReport importAll(BrandScope scope, String brand, ImportSource source, List<String> images,
                                   ProgressBar bar) {
        int added = 0;
        int duplicates = 0;
        int proposed = 0;
        int missing = 0;
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        for (String name : images) {
            try {
                byte[] bytes = source.read(name).orElseThrow();
                Sidecar sidecar = sidecar(source, name);
                DatasetAddResult result = datasets.add(scope, brand, new NewDatasetItem(bytes, sidecar.caption(),
                        sidecar.tags(), sidecar.source() != null ? sidecar.source() : name));
                if (result.duplicate()) {
                    duplicates++;
                } else {
                    added++;
                    proposed += result.caption() == DatasetAddResult.CaptionOutcome.PROPOSED ? 1 : 0;
                    missing += result.caption() == DatasetAddResult.CaptionOutcome.NONE ? 1 : 0;
                }
            } catch (InvalidInputException e) {
                rejected.add(new ImportReport.Rejection(name, e.reason()));
            } catch (IOException e) {
                rejected.add(new ImportReport.Rejection(name, "cannot be read: " + e.getMessage()));
            }
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(added + " added");
            }
        }
        return new ImportReport(added, duplicates, proposed, missing, rejected);
    }

    /** Caption, tags and source from {@code base.json} or {@code base.txt}; all null when there is none. */
    private record Sidecar(String caption, List<String> tags, String source) {
    }

    private static Sidecar sidecar(ImportSource source, String imageName) throws IOException {
        String base = imageName.substring(0, imageName.lastIndexOf('.'));
        Optional<byte[]> json = source.read(base + ".json");
        if (json.isPresent()) {
            JsonNode node;
            try {
                node = JsonColumns.mapper().readTree(json.get());
            } catch (IOException e) {
                throw new InvalidInputException("caption", "its .json sidecar is not valid JSON");
            }
            List<String> tags = null;
            if (node.path("tags").isArray()) {
                tags = new ArrayList<>();
                for (JsonNode tag : node.path("tags")) {
                    tags.add(tag.asText());
                }
            }
            return new Sidecar(text(node, "caption"), tags, text(node, "source"));
        }
        Optional<byte[]> txt = source.read(base + ".txt");
        return new Sidecar(txt.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null), null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    private static ProgressBar progressBar(int total, PrintStream out) {
        if (out == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("Import")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }
}
