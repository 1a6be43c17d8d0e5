package org.rehabtelemetry.agent.summary;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.MetricSpec;
import org.rehabtelemetry.protocol.Metric;

/**
 * The session summary's clinical metrics, computed incrementally from the readings recorded while
 * the session ran, as the device profile lists them ({@link MetricSpec}); {@code durationMin} (time
 * running, pauses excluded) is always first. A metric whose inputs never arrived is left out rather
 * than reported as zero. The baseline period starts with the session's first reading of any
 * channel. Values are rounded to 0.01. Not thread-safe; the session recorder serialises calls.
 */
public final class SummaryCalculator {
  /** A gap between two readings longer than this does not count as time at a level. */
  private static final long MAX_STEP_NANOS = 5_000_000_000L;

  private final List<MetricSpec> specs;
  private final Map<String, Double> settings;
  private final long baselineNanos;
  private final Map<String, ChannelStats> stats = new HashMap<>();
  private final Map<String, Double> integrals = new HashMap<>();
  private long runningNanos;
  private long runningSince = Long.MIN_VALUE;
  private long firstNanos = Long.MIN_VALUE;

  public SummaryCalculator(List<MetricSpec> specs, Map<String, Double> settings) {
    this.specs = List.copyOf(specs);
    this.settings = Map.copyOf(settings);
    this.baselineNanos =
        specs.stream().mapToLong(spec -> spec.baseline().toNanos()).max().orElse(0);
  }

  /** The session (re)started running at {@code nanos}. */
  public void running(long nanos) {
    if (runningSince == Long.MIN_VALUE) {
      runningSince = nanos;
    }
  }

  /** The session paused or ended at {@code nanos}. */
  public void notRunning(long nanos) {
    if (runningSince != Long.MIN_VALUE) {
      runningNanos += nanos - runningSince;
      runningSince = Long.MIN_VALUE;
    }
  }

  public void add(Reading reading) {
    if (firstNanos == Long.MIN_VALUE) {
      firstNanos = reading.nanos();
    }
    ChannelStats channel = stats.computeIfAbsent(reading.channel(), c -> new ChannelStats());
    double previous = channel.last;
    long step = channel.lastNanos == Long.MIN_VALUE ? -1 : reading.nanos() - channel.lastNanos;
    for (MetricSpec spec : specs) {
      if (spec.channel().equals(reading.channel()) && step >= 0 && step < MAX_STEP_NANOS) {
        integrate(spec, previous, step);
      }
    }
    boolean inBaseline = reading.nanos() - firstNanos < baselineNanos;
    channel.add(reading.value(), reading.nanos(), inBaseline);
  }

  /** The metrics, with units, as of {@code nanos}. */
  public Map<String, Metric> metrics(long nanos) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    long running = runningNanos + (runningSince == Long.MIN_VALUE ? 0 : nanos - runningSince);
    metrics.put("durationMin", new Metric(round(running / 60e9), "min"));
    for (MetricSpec spec : specs) {
      OptionalDouble value = value(spec);
      if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
        metrics.put(spec.name(), new Metric(round(value.getAsDouble()), spec.unit()));
      }
    }
    return metrics;
  }

  /** Time-based metrics grow with every step between two readings of their channel. */
  private void integrate(MetricSpec spec, double previous, long stepNanos) {
    double add =
        switch (spec.type()) {
          case TIME_AT_OR_ABOVE -> {
            Double target = target(spec);
            yield target != null && previous >= target - spec.tolerance() ? stepNanos / 60e9 : 0;
          }
          case PER_MINUTE_INTEGRAL -> Math.abs(previous) / 60 * (stepNanos / 1e9);
          default -> 0;
        };
    integrals.merge(spec.name(), add, Double::sum);
  }

  private OptionalDouble value(MetricSpec spec) {
    ChannelStats channel = stats.get(spec.channel());
    if (channel == null) {
      return OptionalDouble.empty();
    }
    return switch (spec.type()) {
      case MAX -> OptionalDouble.of(channel.max);
      case MIN -> OptionalDouble.of(channel.min);
      case MEAN -> OptionalDouble.of(channel.mean());
      case INCREASE -> OptionalDouble.of(channel.last - channel.first);
      case TIME_AT_OR_ABOVE, PER_MINUTE_INTEGRAL ->
          target(spec) == null && spec.type() == MetricSpec.Type.TIME_AT_OR_ABOVE
              ? OptionalDouble.empty()
              : OptionalDouble.of(integrals.getOrDefault(spec.name(), 0.0));
      case MEAN_PERCENT_OF_SETTING -> percentOfSetting(spec, channel);
      case SYMMETRY_INDEX -> symmetry(channel, stats.get(spec.otherChannel()));
      case BASELINE_MEAN ->
          channel.baselineCount == 0
              ? OptionalDouble.empty()
              : OptionalDouble.of(channel.baselineSum / channel.baselineCount);
      case PEAK_RISE_OVER_BASELINE ->
          channel.baselineCount == 0
              ? OptionalDouble.empty()
              : OptionalDouble.of(channel.max - channel.baselineSum / channel.baselineCount);
    };
  }

  private OptionalDouble percentOfSetting(MetricSpec spec, ChannelStats channel) {
    Double setting = settings.get(spec.setting());
    return setting == null || setting <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(channel.mean() / setting * 100);
  }

  /** SI = (R − L) / (0.5 (R + L)) × 100 of the two means (Zifchock 2008). */
  private static OptionalDouble symmetry(ChannelStats left, ChannelStats right) {
    if (right == null || left.mean() + right.mean() <= 0) {
      return OptionalDouble.empty();
    }
    double l = left.mean();
    double r = right.mean();
    return OptionalDouble.of((r - l) / (0.5 * (r + l)) * 100);
  }

  private Double target(MetricSpec spec) {
    return spec.setting() != null ? settings.get(spec.setting()) : spec.value();
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
