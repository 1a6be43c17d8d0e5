package org.rehabtelemetry.records.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.MetricSpec;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * The project's FHIR CodeSystem, for what no standard code exists: device kinds, a session on each
 * kind, and every summary metric of the device profiles (tilt angle, % of body weight, spasm count,
 * jet pressure, …), with the profiles' English labels as displays. Generated from the profiles, so
 * a kind added as YAML has its codes. Stateless.
 */
public final class RehabCodes {
  /** The CodeSystem's canonical URL (the project owns no domain: {@code .invalid} says so). */
  public static final String SYSTEM = "https://rehab-telemetry.invalid/fhir/CodeSystem/rehab";

  public static final String LOINC = "http://loinc.org";
  public static final String UCUM = "http://unitsofmeasure.org";

  private RehabCodes() {}

  /** Code of a session on {@code kind}: {@code session-verticalizer}. */
  public static String session(DeviceKind kind) {
    return "session-" + kind.wireName();
  }

  /** Code of a device kind: {@code device-verticalizer}. */
  public static String device(DeviceKind kind) {
    return "device-" + kind.wireName();
  }

  /** Code of a summary metric: its name, {@code maxTiltDeg}. */
  public static String metric(String name) {
    return name;
  }

  /** Every code with its English display. */
  public static Map<String, String> concepts(Map<DeviceKind, DeviceProfile> profiles) {
    Map<String, String> concepts = new LinkedHashMap<>();
    concepts.put(metric("durationMin"), "Running time of the session, pauses excluded");
    profiles.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(DeviceKind::wireName)))
        .forEach(
            entry -> {
              String label = entry.getValue().labels().in("en", entry.getKey().wireName());
              concepts.put(device(entry.getKey()), label);
              concepts.put(session(entry.getKey()), label + " session");
              for (MetricSpec spec : entry.getValue().summary()) {
                concepts.putIfAbsent(metric(spec.name()), spec.labels().in("en", spec.name()));
              }
            });
    return concepts;
  }

  /** The CodeSystem resource. */
  public static ObjectNode codeSystem(ObjectMapper json, Map<DeviceKind, DeviceProfile> profiles) {
    ObjectNode system = json.createObjectNode();
    system.put("resourceType", "CodeSystem");
    system.put("id", "rehab");
    system.put("url", SYSTEM);
    system.put("version", "1");
    system.put("name", "RehabTelemetryCodes");
    system.put("title", "rehab-telemetry codes");
    system.put("status", "active");
    system.put(
        "description",
        "Codes of rehab-telemetry for what LOINC and IEEE 11073 do not cover: device kinds, sessions and the clinical metrics of children's rehabilitation equipment (docs/records.md).");
    system.put("caseSensitive", true);
    system.put("content", "complete");
    ArrayNode concept = system.putArray("concept");
    concepts(profiles)
        .forEach((code, display) -> concept.addObject().put("code", code).put("display", display));
    system.put("count", concept.size());
    return system;
  }

  /** A profile unit as a UCUM code. */
  public static String ucum(String unit) {
    return switch (unit == null ? "" : unit) {
      case "°C" -> "Cel";
      case "rpm" -> "{rev}/min";
      case "rev" -> "{rev}";
      case "count", "" -> "{count}";
      case "N·m" -> "N.m";
      default -> unit; // deg, kg, /min, %, min, bar, L/min, W are UCUM as written
    };
  }
}
