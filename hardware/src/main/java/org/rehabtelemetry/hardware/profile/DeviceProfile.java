package org.rehabtelemetry.hardware.profile;

import java.util.List;
import java.util.Optional;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * A validated device profile: immutable; every channel a driver or an alarm names is declared, and
 * no pin, port or hub channel id is used twice.
 *
 * @param source the file or resource it was read from, for messages
 */
public record DeviceProfile(
    String source,
    DeviceKind kind,
    List<ChannelSpec> channels,
    List<ProgrammeSpec> programmes,
    List<AlarmLimit> alarms,
    Wiring wiring) {

  public DeviceProfile {
    channels = List.copyOf(channels);
    programmes = List.copyOf(programmes);
    alarms = List.copyOf(alarms);
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

  /** The highest sample rate of any channel, in Hz. */
  public double maxSampleHz() {
    return channels.stream().mapToDouble(ChannelSpec::sampleHz).max().orElse(0);
  }
}
