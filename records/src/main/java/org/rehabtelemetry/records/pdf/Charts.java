package org.rehabtelemetry.records.pdf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rehabtelemetry.records.model.Series;

/**
 * The report's charts, built with JFreeChart in one plain style: white background, light grid,
 * colours that stay apart in greyscale print, large type for the parent summary. Stateless.
 */
final class Charts {
  /** Colours in an order that reads in colour and in greyscale (dark blue, orange, green, red). */
  private static final Color[] COLOURS = {
    new Color(0x1f4e9c), new Color(0xd9730d), new Color(0x2e7d32), new Color(0xb3261e)
  };

  private static final Color GRID = new Color(0xdddddd);
  private static final Color MARKER = new Color(0xb3261e);

  private Charts() {}

  /**
   * One line of a time chart.
   *
   * @param label the legend's text
   * @param unit the axis it goes on (lines of a second unit get a right-hand axis)
   * @param series the points
   */
  record Line(String label, String unit, Series series) {}

  /**
   * A mark across a chart at a moment.
   *
   * @param minutes minutes since the session started
   * @param label a short word at its top
   */
  record Mark(double minutes, String label) {}

  /** Lines over the session's minutes, with marks (alarms, spasms) as red verticals. */
  static JFreeChart timeLines(String title, String xLabel, List<Line> lines, List<Mark> marks) {
    Map<String, XYSeriesCollection> byUnit = new LinkedHashMap<>();
    for (Line line : lines) {
      XYSeries points = new XYSeries(line.label(), false, true);
      Series series = line.series();
      for (int i = 0; i < series.size(); i++) {
        points.add(series.secondsAt(i) / 60.0, series.valueAt(i), false);
      }
      byUnit.computeIfAbsent(line.unit(), u -> new XYSeriesCollection()).addSeries(points);
    }
    NumberAxis time = new NumberAxis(xLabel);
    XYPlot plot = new XYPlot();
    plot.setDomainAxis(time);
    int dataset = 0;
    int colour = 0;
    for (Map.Entry<String, XYSeriesCollection> unit : byUnit.entrySet()) {
      NumberAxis axis = new NumberAxis(unit.getKey());
      axis.setAutoRangeIncludesZero(false);
      axis.setAutoRangeMinimumSize(1.0);
      plot.setRangeAxis(dataset, axis);
      plot.setDataset(dataset, unit.getValue());
      plot.mapDatasetToRangeAxis(dataset, dataset);
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      for (int s = 0; s < unit.getValue().getSeriesCount(); s++) {
        renderer.setSeriesPaint(s, COLOURS[colour++ % COLOURS.length]);
        renderer.setSeriesStroke(s, new BasicStroke(1.2f));
      }
      plot.setRenderer(dataset, renderer);
      dataset++;
      if (dataset == 2) {
        break; // two axes at most; a third unit would be unreadable
      }
    }
    for (Mark mark : marks) {
      ValueMarker marker = new ValueMarker(mark.minutes(), MARKER, new BasicStroke(0.8f));
      marker.setLabel(mark.label());
      marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
      marker.setLabelPaint(MARKER);
      marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(marker);
    }
    return styled(new JFreeChart(title, titleFont(11), plot, lines.size() > 1));
  }

  /** Bars: one value for each category (time at each band of angles). */
  static JFreeChart bars(
      String title, String categoryLabel, String valueLabel, Map<String, Double> bars) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    bars.forEach((category, value) -> data.addValue(value, valueLabel, category));
    CategoryPlot plot =
        new CategoryPlot(
            data, new CategoryAxis(categoryLabel), new NumberAxis(valueLabel), new BarRenderer());
    plot.setOrientation(PlotOrientation.VERTICAL);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, COLOURS[0]);
    JFreeChart chart = new JFreeChart(title, titleFont(11), plot, false);
    return styled(chart);
  }

  /**
   * A metric session by session, with the previous course's mean as a dashed line.
   *
   * @param large the parent summary's size: thicker lines and bigger type
   */
  static JFreeChart trend(
      String title,
      String xLabel,
      String yLabel,
      List<double[]> points,
      OptionalDouble previousMean,
      String previousLabel,
      boolean large) {
    XYSeries series = new XYSeries(yLabel);
    for (double[] point : points) {
      series.add(point[0], point[1]);
    }
    NumberAxis sessions = new NumberAxis(xLabel);
    sessions.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis values = new NumberAxis(yLabel);
    // Parents see the whole scale from zero, so a small change does not look like a big one.
    values.setAutoRangeIncludesZero(large);
    values.setAutoRangeMinimumSize(1.0);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, COLOURS[0]);
    renderer.setSeriesStroke(0, new BasicStroke(large ? 3f : 1.5f));
    XYPlot plot = new XYPlot(new XYSeriesCollection(series), sessions, values, renderer);
    if (previousMean.isPresent()) {
      ValueMarker marker =
          new ValueMarker(
              previousMean.getAsDouble(),
              COLOURS[1],
              new BasicStroke(
                  1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 3}, 0));
      marker.setLabel(previousLabel);
      marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, large ? 11 : 8));
      marker.setLabelPaint(COLOURS[1]);
      marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addRangeMarker(marker);
    }
    JFreeChart chart = new JFreeChart(title, titleFont(large ? 16 : 11), plot, false);
    if (large) {
      sessions.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      sessions.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      values.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      values.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    }
    return styled(chart);
  }

  /** Points for {@link #trend}: {session number, value}. */
  static List<double[]> points(List<Integer> sessions, List<Double> values) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      points.add(new double[] {sessions.get(i), values.get(i)});
    }
    return points;
  }

  private static Font titleFont(int size) {
    return new Font(Font.SANS_SERIF, Font.BOLD, size);
  }

  private static JFreeChart styled(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
    } else if (chart.getPlot() instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(GRID);
    }
    TextTitle title = chart.getTitle();
    if (title != null) {
      title.setPaint(Color.BLACK);
    }
    return chart;
  }
}
