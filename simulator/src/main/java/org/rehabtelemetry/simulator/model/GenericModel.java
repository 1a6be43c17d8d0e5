package org.rehabtelemetry.simulator.model;

import static org.rehabtelemetry.simulator.model.Signals.micros;
import static org.rehabtelemetry.simulator.model.Signals.noise;
import static org.rehabtelemetry.simulator.model.Signals.quantize;
import static org.rehabtelemetry.simulator.model.Signals.ramp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.ProgrammeSpec;
import org.rehabtelemetry.hardware.profile.Wiring;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * A session of any device kind, derived from its profile alone, so that a kind added as YAML (the
 * phyto barrel) is simulated without Java:
 *
 * <ul>
 *   <li>every channel the profile feeds from a sensor (hub, oximeter, flow meter) is sampled at its
 *       {@code sampleHz}, quantized as its sensor sends it;
 *   <li>its level is the first programme's setting of the same name if there is one (the steam at
 *       its prescribed 40 °C), else the middle of its <em>safe band</em>: the channel's range
 *       narrowed by the profile's threshold, above-setting and lost-after-seen rules;
 *   <li>around the level it moves slowly (a 90 s sine of 4 % of the band) with a little noise (0.4
 *       %), both kept under a third of the distance to the nearer edge of the band, so no rule
 *       fires; counters stay at 0;
 *   <li>each contact switch sits in the state its switch rule does not alarm on.
 * </ul>
 *
 * <p>Twin: {@link Variant#OVER_LIMIT}: the channel of the first high-priority threshold rule (else
 * the first threshold rule) moves past its limit between 40 % and 70 % of the session and stays
 * there, so that rule's alarm, and any other it crosses, is raised. Deterministic for a seed.
 */
public final class GenericModel {
  private static final double SWING = 0.04;
  private static final double NOISE = 0.004;

  private GenericModel() {}

  /**
   * Generates a trace of {@code durationS} seconds of {@code profile}'s channels.
   *
   * @param profile the simulated profile (the simulator's ports, I²C moved onto the hub)
   */
  public static Trace generate(
      DeviceProfile profile, String name, Variant variant, long seed, double durationS) {
    if (variant != Variant.NORMAL && variant != Variant.OVER_LIMIT) {
      throw new IllegalArgumentException(
          "the generic model plays normal and over-limit sessions, not " + variant);
    }
    SessionFrame frame = new SessionFrame(durationS);
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Double> quantum = fedChannels(profile.wiring());
    List<ChannelSpec> channels =
        profile.channels().stream().filter(c -> quantum.containsKey(c.name())).toList();
    List<TraceChannel> traceChannels = new ArrayList<>();
    for (ChannelSpec channel : channels) {
      traceChannels.add(new TraceChannel(channel.name(), channel.unit(), channel.sampleHz()));
    }
    Trace.Builder trace = frame.begin(name, profile.kind(), variant, seed, traceChannels);
    switches(profile, trace);
    Optional<AlarmRuleSpec.Threshold> breached =
        variant == Variant.OVER_LIMIT ? breachedRule(profile, quantum) : Optional.empty();
    if (variant == Variant.OVER_LIMIT && breached.isEmpty()) {
      throw new IllegalArgumentException(
          profile.kind().wireName() + " has no threshold rule on a simulated channel to cross");
    }
    for (ChannelSpec channel : channels) {
      double[] band = safeBand(profile, channel);
      double level = level(profile, channel, band);
      boolean counter = isCounter(profile, channel.name());
      double width = band[1] - band[0];
      double headroom = Math.min(level - band[0], band[1] - level);
      double swing = Math.min(SWING * width, 0.3 * headroom);
      double sigma = Math.min(NOISE * width, 0.1 * headroom);
      double phase = random.nextDouble() * 2 * Math.PI;
      double step = 1 / Math.max(0.1, channel.sampleHz());
      double first = oximeterFed(profile, channel.name()) ? frame.start() + 0.5 : frame.start();
      for (double t = first; t < frame.end(); t += step) {
        double value =
            counter
                ? 0
                : level + swing * Math.sin(2 * Math.PI * t / 90 + phase) + noise(random, sigma);
        if (breached.isPresent() && breached.get().channel().equals(channel.name())) {
          value += (target(breached.get(), channel) - level) * ramp(frame.phase(t), 0.4, 0.7);
        }
        value = Math.max(channel.min(), Math.min(channel.max(), value));
        trace.sample(micros(t), channel.name(), quantize(value, quantum.get(channel.name())));
      }
    }
    return trace.build();
  }

  /** The rule the over-limit twin crosses, if the profile has one on a simulated channel. */
  static Optional<AlarmRuleSpec.Threshold> breachedRule(
      DeviceProfile profile, Map<String, Double> fed) {
    List<AlarmRuleSpec.Threshold> thresholds = new ArrayList<>();
    for (AlarmRuleSpec rule : profile.alarmRules()) {
      if (rule instanceof AlarmRuleSpec.Threshold threshold
          && fed.containsKey(threshold.channel())) {
        thresholds.add(threshold);
      }
    }
    return thresholds.stream()
        .filter(t -> t.priority() == AlarmPriority.HIGH)
        .findFirst()
        .or(() -> thresholds.stream().findFirst());
  }

  /** A description of the over-limit twin, for listings. */
  public static String overLimitDescription(DeviceProfile profile) {
    return breachedRule(profile, fedChannels(profile.wiring()))
        .map(
            t ->
                t.channel()
                    + " goes "
                    + (t.below() ? "below " : "above ")
                    + t.limit()
                    + " ("
                    + t.code()
                    + ") from 40 % of the session")
        .orElse("no threshold rule to cross");
  }

  /** Whether the profile has a threshold rule the over-limit twin can cross. */
  public static boolean hasOverLimitTwin(DeviceProfile profile) {
    return breachedRule(profile, fedChannels(profile.wiring())).isPresent();
  }

  /** Past the limit by 3 % of the channel's range (at least one unit). */
  private static double target(AlarmRuleSpec.Threshold rule, ChannelSpec channel) {
    double by = Math.max(1, 0.03 * (channel.max() - channel.min()));
    return rule.below() ? rule.limit() - by : rule.limit() + by;
  }

  /** Channels a sensor feeds, with the resolution it sends them at. */
  static Map<String, Double> fedChannels(Wiring wiring) {
    Map<String, Double> fed = new LinkedHashMap<>();
    wiring
        .sensorHub()
        .ifPresent(hub -> hub.channels().forEach(m -> fed.put(m.channel(), m.scale())));
    wiring
        .oximeter()
        .ifPresent(
            o -> {
              fed.put(o.spo2Channel(), 1.0);
              fed.put(o.heartRateChannel(), 1.0);
            });
    wiring.flowMeter().ifPresent(f -> fed.put(f.channel(), 0.1));
    return fed;
  }

  /** The channel's range narrowed by the rules that bound it: [low, high]. */
  static double[] safeBand(DeviceProfile profile, ChannelSpec channel) {
    double low = channel.min();
    double high = channel.max();
    for (AlarmRuleSpec rule : profile.alarmRules()) {
      if (rule instanceof AlarmRuleSpec.Threshold t && t.channel().equals(channel.name())) {
        if (t.below()) {
          low = Math.max(low, t.limit());
        } else {
          high = Math.min(high, t.limit());
        }
      } else if (rule instanceof AlarmRuleSpec.LostAfterSeen lost
          && lost.channel().equals(channel.name())) {
        low = Math.max(low, lost.below());
      } else if (rule instanceof AlarmRuleSpec.AboveSetting above
          && above.channel().equals(channel.name())) {
        Optional<Double> setting = settingDefault(profile, above.setting());
        if (setting.isPresent()) {
          high = Math.min(high, setting.get() + above.margin());
        }
      }
    }
    return low < high ? new double[] {low, high} : new double[] {channel.min(), channel.max()};
  }

  private static double level(DeviceProfile profile, ChannelSpec channel, double[] band) {
    double middle = (band[0] + band[1]) / 2;
    return settingDefault(profile, channel.name())
        .map(v -> Math.max(band[0], Math.min(band[1], v)))
        .orElse(middle);
  }

  private static Optional<Double> settingDefault(DeviceProfile profile, String setting) {
    if (profile.programmes().isEmpty()) {
      return Optional.empty();
    }
    ProgrammeSpec.Setting found = profile.programmes().get(0).settings().get(setting);
    return Optional.ofNullable(found).map(ProgrammeSpec.Setting::defaultValue);
  }

  private static boolean isCounter(DeviceProfile profile, String channel) {
    return profile.alarmRules().stream()
        .anyMatch(
            r ->
                (r instanceof AlarmRuleSpec.Increase i && i.channel().equals(channel))
                    || (r instanceof AlarmRuleSpec.CountInWindow c && c.channel().equals(channel)));
  }

  private static boolean oximeterFed(DeviceProfile profile, String channel) {
    return profile
        .wiring()
        .oximeter()
        .map(o -> o.spo2Channel().equals(channel) || o.heartRateChannel().equals(channel))
        .orElse(false);
  }

  /** Each contact in the state its rule does not alarm on (closed when no rule says). */
  private static void switches(DeviceProfile profile, Trace.Builder trace) {
    for (String name : profile.wiring().switches().keySet()) {
      boolean closed = true;
      for (AlarmRuleSpec rule : profile.alarmRules()) {
        if (rule instanceof AlarmRuleSpec.SwitchState s && s.switchName().equals(name)) {
          closed = !s.alarmWhenClosed();
        }
      }
      trace.event(0, "switch", name + "=" + (closed ? "closed" : "open"));
    }
  }
}
