package org.rehabtelemetry.hardware.profile;

import java.util.List;
import java.util.Optional;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * A validated device profile: immutable; every channel a driver, an alarm rule or a summary metric
 * names is declared, and no pin, port or hub channel id is used twice.
 *
 * @param source the file or resource it was read from, for messages
 * @param kind the device kind on the wire
 * @param labels what people read instead of the kind's name
 * @param channels what the device measures
 * @param programmes what a therapist can pick, with each setting's range
 * @param alarmRules the local alarms, as data (docs/alarms.md)
 * @param summary the session summary's metrics, as data
 * @param wiring which driver reads which channel on which port, pin or bus
 * @param patientLimits the alarm limits a therapist may set per patient, and their presets
 */
public record DeviceProfile(
    String source,
    DeviceKind kind,
    Labels labels,
    List<ChannelSpec> channels,
    List<ProgrammeSpec> programmes,
    List<AlarmRuleSpec> alarmRules,
    List<MetricSpec> summary,
    Wiring wiring,
    PatientLimits patientLimits) {

  public DeviceProfile {
    channels = List.copyOf(channels);
    programmes = List.copyOf(programmes);
    alarmRules = List.copyOf(alarmRules);
    summary = List.copyOf(summary);
  }

  /** The channel with this name, if declared. */
  public Optional<ChannelSpec> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The declared channel with this name; the profile guarantees the ones its wiring names. */
  public ChannelSpec requireChannel(String name) {
    return channel(name)
        .orElseThrow(() -> new IllegalArgumentException(source + " has no channel " + name));
  }

  /** The programme with this name, if the profile has it. */
  public Optional<ProgrammeSpec> programme(String name) {
    return programmes.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The highest sample rate of any channel, in Hz. */
  public double maxSampleHz() {
    return channels.stream().mapToDouble(ChannelSpec::sampleHz).max().orElse(0);
  }
}
