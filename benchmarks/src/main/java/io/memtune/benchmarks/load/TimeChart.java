package io.memtune.benchmarks.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG line chart of figures over a run's seconds (JFreeChart, headless), every mode's lines on one chart:
 * baseline's dashed, optimized's solid, so the two read apart even where their colours are close.
 */
final class TimeChart {

    /** One line: its name and its points, {x seconds, y}; a {@code NaN} y is a gap (no sample that second). */
    record Line(String name, List<double[]> points) {
    }

    private TimeChart() {
    }

    /** @param markers seconds at which a vertical line is drawn (phase changes) */
    static void write(Path png, String title, String yLabel, List<Line> lines, List<Double> markers) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            for (double[] p : line.points()) {
                series.add(p[0], Double.isNaN(p[1]) ? null : p[1]);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesStroke(i, lines.get(i).name().startsWith("baseline")
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        for (double x : markers) {
            plot.addDomainMarker(new ValueMarker(x, Color.GRAY, new BasicStroke(1f)));
        }
        Files.createDirectories(png.getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 960, 480);
    }
}
