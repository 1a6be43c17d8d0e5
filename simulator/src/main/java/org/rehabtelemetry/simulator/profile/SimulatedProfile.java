package org.rehabtelemetry.simulator.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.profile.ProfileOverlay;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * The profile a simulated agent runs: its kind's built-in profile with an overlay ({@link
 * ProfileOverlay}) derived from the profile itself, so that any kind, a new one included, is
 * simulated without a copy of its profile:
 *
 * <ul>
 *   <li>the sensor hub's and the oximeter's ports become the simulator's;
 *   <li>an I²C tilt sensor moves onto the sensor hub, on the next free hub channel id with a scale
 *       of {@value #MOVED_SCALE}, because Pi4J's mock I²C answers queued bytes rather than a
 *       free-running sensor (the MPU6050 driver is covered by the hardware tests).
 * </ul>
 *
 * Everything else (channels, programmes, alarm rules, summary metrics, GPIO) is the built-in
 * profile's. Stateless.
 */
public final class SimulatedProfile {
  /** Hub scale of a channel moved from I²C onto the hub: 0.01 of its unit per count. */
  public static final double MOVED_SCALE = 0.01;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SimulatedProfile() {}

  /**
   * The overlay for a built-in profile tree.
   *
   * @param hubPort the simulated sensor hub's port name
   * @param oximeterPort the simulated oximeter's port name
   */
  public static ObjectNode overlay(JsonNode base, String hubPort, String oximeterPort) {
    JsonNode wiring = base.path("wiring");
    ObjectNode overlayWiring = NODES.objectNode();
    JsonNode baseHub = wiring.path("sensorHub");
    JsonNode tilt = wiring.path("tilt");
    if (baseHub.isObject() || tilt.isObject()) {
      ObjectNode hub = overlayWiring.putObject("sensorHub");
      hub.put("port", hubPort);
      if (!baseHub.isObject()) {
        hub.put("baud", 115_200);
      }
      if (tilt.isObject()) {
        ArrayNode channels = hub.putArray("channels");
        int nextId = 1;
        for (JsonNode mapping : baseHub.path("channels")) {
          channels.add(mapping.deepCopy());
          nextId = Math.max(nextId, mapping.path("id").asInt() + 1);
        }
        channels
            .addObject()
            .put("id", nextId)
            .put("channel", tilt.path("channel").asText())
            .put("scale", MOVED_SCALE);
        overlayWiring.putNull("tilt");
      }
    }
    if (wiring.path("oximeter").isObject()) {
      overlayWiring.putObject("oximeter").put("port", oximeterPort);
    }
    ObjectNode overlay = NODES.objectNode();
    overlay.set("wiring", overlayWiring);
    return overlay;
  }

  /** Whether the built-in profile of {@code kind} has a serial device that needs this port. */
  public static boolean needsHub(DeviceKind kind) {
    JsonNode wiring = tree(kind).path("wiring");
    return wiring.path("sensorHub").isObject() || wiring.path("tilt").isObject();
  }

  /** Whether the built-in profile of {@code kind} has an oximeter. */
  public static boolean needsOximeter(DeviceKind kind) {
    return tree(kind).path("wiring").path("oximeter").isObject();
  }

  /** The simulated profile of {@code kind} as YAML, for the agent to load as a file. */
  public static String yaml(DeviceKind kind, String hubPort, String oximeterPort) {
    JsonNode base = tree(kind);
    JsonNode merged = ProfileOverlay.merge(base, overlay(base, hubPort, oximeterPort));
    try {
      return "# The built-in "
          + kind.wireName()
          + " profile with the simulator's ports (written by the simulator).\n"
          + new ObjectMapper(new YAMLFactory()).writeValueAsString(merged);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The simulated profile of {@code kind} with placeholder ports: what a model trace may feed, and
   * which programme settings and alarm rules apply.
   */
  public static DeviceProfile profile(DeviceKind kind) {
    String yaml = yaml(kind, "/dev/simulated/sensorhub", "/dev/simulated/oximeter");
    return DeviceProfiles.parse(
        "simulated " + kind.wireName(), yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode tree(DeviceKind kind) {
    return ConfigFiles.readTree("builtin:" + kind.wireName(), DeviceProfiles.builtInYaml(kind));
  }
}
