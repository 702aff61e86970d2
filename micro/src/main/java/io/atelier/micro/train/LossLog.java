package io.atelier.micro.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Appends one CSV row per logged step ({@code stage,step,loss,lr,elapsed_s}) and draws the loss
 * curve of both stages as a PNG. A resumed run keeps appending to the same file; rows past the
 * resumed step (written after the last checkpoint) are dropped first so the curve has no duplicates.
 */
public final class LossLog {

    private static final String HEADER = "stage,step,loss,lr,elapsed_s";
    private final Path csv;

    public LossLog(Path csv) {
        this.csv = csv;
    }

    /** Drops rows the checkpoint does not cover: the stage's rows past {@code step} and any later stage's. */
    public void truncateAfter(String stage, int step, List<String> stageOrder) {
        if (!Files.exists(csv)) {
            return;
        }
        try {
            List<String> kept = new ArrayList<>();
            int stageRank = stageOrder.indexOf(stage);
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                String[] f = line.split(",");
                if (line.equals(HEADER) || f.length < 2) {
                    kept.add(line);
                    continue;
                }
                int rank = stageOrder.indexOf(f[0]);
                if (rank < stageRank || (rank == stageRank && Integer.parseInt(f[1]) <= step)) {
                    kept.add(line);
                }
            }
            Files.write(csv, kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(String stage, int step, float loss, float lr, double elapsedSeconds) {
        try {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(csv);
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    w.write(HEADER);
                    w.newLine();
                }
                w.write(String.format(Locale.ROOT, "%s,%d,%.6f,%.6g,%.1f", stage, step, loss, lr, elapsedSeconds));
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loss per step for each stage (smoothed over {@code window} rows), log scale, as a PNG. */
    public void plot(Path png, int window) {
        if (!Files.exists(csv)) {
            return;
        }
        try {
            XYChart chart = new XYChartBuilder().width(900).height(500)
                    .title("atelier-micro training loss").xAxisTitle("step").yAxisTitle("loss (moving average)").build();
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setMarkerSize(0);
            for (String stage : List.of("vae", "unet")) {
                List<Double> steps = new ArrayList<>();
                List<Double> losses = new ArrayList<>();
                for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                    String[] f = line.split(",");
                    if (f[0].equals(stage)) {
                        steps.add(Double.parseDouble(f[1]));
                        losses.add(Double.parseDouble(f[2]));
                    }
                }
                if (steps.isEmpty()) {
                    continue;
                }
                List<Double> smooth = new ArrayList<>();
                double sum = 0;
                for (int i = 0; i < losses.size(); i++) {
                    sum += losses.get(i);
                    if (i >= window) {
                        sum -= losses.get(i - window);
                    }
                    smooth.add(sum / Math.min(i + 1, window));
                }
                chart.addSeries(stage.equals("vae") ? "stage 1: autoencoder" : "stage 2: UNet + text encoder",
                        steps, smooth).setMarker(SeriesMarkers.NONE);
            }
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
