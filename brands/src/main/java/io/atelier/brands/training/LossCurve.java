package io.atelier.brands.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The adapter's loss per step (raw and a 25-step moving average) as a PNG, from the trainer's loss.csv. */
final class LossCurve {
    private static final int WINDOW = 25;

    private LossCurve() {
    }

    static void plot(Path csv, Path png) {
        try {
            List<Double> steps = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                String[] f = line.split(",");
                if (f.length >= 3 && f[0].equals(AdapterTrainer.STAGE)) {
                    steps.add(Double.parseDouble(f[1]));
                    losses.add(Double.parseDouble(f[2]));
                }
            }
            if (steps.isEmpty()) {
                return;
            }
            List<Double> smooth = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < losses.size(); i++) {
                sum += losses.get(i);
                if (i >= WINDOW) {
                    sum -= losses.get(i - WINDOW);
                }
                smooth.add(sum / Math.min(i + 1, WINDOW));
            }
            XYChart chart = new XYChartBuilder().width(800).height(450).title("Adapter training loss")
                    .xAxisTitle("step").yAxisTitle("loss").build();
            chart.getStyler().setMarkerSize(0);
            chart.addSeries("loss", steps, losses).setMarker(SeriesMarkers.NONE);
            chart.addSeries("moving average (" + WINDOW + ")", steps, smooth).setMarker(SeriesMarkers.NONE);
            Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
