package org.rehabtelemetry.records.i18n;

import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.MetricSpec;
import org.rehabtelemetry.hardware.profile.ProgrammeSpec;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * What people read instead of technical names, in one language: device kinds, programmes, channels,
 * settings and metrics from the device profiles; units and alarm codes from the report texts. A
 * name nobody labelled reads as itself. Immutable and thread-safe.
 */
public final class Vocabulary {
  private final Texts texts;
  private final Map<DeviceKind, DeviceProfile> profiles;

  public Vocabulary(Texts texts, Map<DeviceKind, DeviceProfile> profiles) {
    this.texts = texts;
    this.profiles = Map.copyOf(profiles);
  }

  public Texts texts() {
    return texts;
  }

  private String code() {
    return texts.language().code();
  }

  public Optional<DeviceProfile> profile(DeviceKind kind) {
    return Optional.ofNullable(profiles.get(kind));
  }

  public String kind(DeviceKind kind) {
    return profile(kind).map(p -> p.labels().in(code(), kind.wireName())).orElse(kind.wireName());
  }

  public String programme(DeviceKind kind, String programme) {
    if (programme == null) {
      return "";
    }
    return profile(kind)
        .flatMap(p -> p.programme(programme))
        .map(p -> p.labels().in(code(), programme))
        .orElse(programme);
  }

  public Optional<ChannelSpec> channel(DeviceKind kind, String channel) {
    return profile(kind).flatMap(p -> p.channel(channel));
  }

  public String channelLabel(DeviceKind kind, String channel) {
    return channel(kind, channel).map(c -> c.labels().in(code(), channel)).orElse(channel);
  }

  public Optional<ProgrammeSpec.Setting> setting(
      DeviceKind kind, String programme, String setting) {
    return profile(kind)
        .flatMap(p -> p.programme(programme == null ? "" : programme))
        .map(p -> p.settings().get(setting));
  }

  public String settingLabel(DeviceKind kind, String programme, String setting) {
    return setting(kind, programme, setting)
        .map(s -> s.labels().in(code(), setting))
        .orElse(setting);
  }

  public Optional<MetricSpec> metric(DeviceKind kind, String metric) {
    return profile(kind)
        .flatMap(p -> p.summary().stream().filter(m -> m.name().equals(metric)).findFirst());
  }

  public String metricLabel(DeviceKind kind, String metric) {
    Optional<MetricSpec> spec = metric(kind, metric);
    if (spec.isPresent()) {
      return spec.get().labels().in(code(), metric);
    }
    return optional("metric." + metric).orElse(metric);
  }

  /** A unit as this language writes it ({@code /min} is {@code уд/мин} in Russian). */
  public String unit(String unit) {
    if (unit == null || unit.isEmpty()) {
      return "";
    }
    return optional("unit." + unit).orElse(unit);
  }

  /** The channel an alarm rule watches, if the profile has the rule and it watches one. */
  public Optional<ChannelSpec> alarmChannel(DeviceKind kind, String code) {
    return profile(kind)
        .flatMap(
            p ->
                p.alarmRules().stream()
                    .filter(rule -> rule.code().equals(code))
                    .findFirst()
                    .flatMap(rule -> channelOf(rule))
                    .flatMap(p::channel));
  }

  private static Optional<String> channelOf(AlarmRuleSpec rule) {
    if (rule instanceof AlarmRuleSpec.Threshold threshold) {
      return Optional.of(threshold.channel());
    }
    if (rule instanceof AlarmRuleSpec.Rate rate) {
      return Optional.of(rate.channel());
    }
    if (rule instanceof AlarmRuleSpec.RiseOverBaseline rise) {
      return Optional.of(rise.channel());
    }
    return Optional.empty();
  }

  /** An alarm code in words, else the device's own message, else the code. */
  public String alarm(String code, String message) {
    return optional("alarm." + code).orElse(message == null || message.isBlank() ? code : message);
  }

  public String priority(String priority) {
    return optional("priority." + priority).orElse(priority);
  }

  private Optional<String> optional(String key) {
    try {
      return Optional.of(texts.get(key));
    } catch (MissingResourceException e) {
      return Optional.empty();
    }
  }
}
