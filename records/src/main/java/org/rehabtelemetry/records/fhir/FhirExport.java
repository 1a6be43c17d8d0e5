package org.rehabtelemetry.records.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.MetricSpec;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.sheet.SessionSheet;

/**
 * HL7 FHIR R4 export: a session is a {@code Procedure} with one {@code Observation} per summary
 * metric ({@code partOf} the procedure, {@code device} the {@code Device}); a course is a {@code
 * collection} {@code Bundle} of its sessions. The child is a {@code Patient} that carries only the
 * pseudonymous code as an identifier: no name, no birth date. Heart rate and SpO₂ are coded with
 * LOINC (8867-4; 2708-6 and 59408-5) and claim the R4 vital-signs profiles; everything else uses
 * the project's CodeSystem ({@link RehabCodes}), which every bundle carries. Resource ids are UUIDs
 * derived from the ids in the records, so the same data exports to the same document. Texts
 * (displays, notes) are in the vocabulary's language. Stateless and thread-safe.
 */
public final class FhirExport {
  private static final String VITAL_SIGNS =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final String HEART_RATE_PROFILE =
      "http://hl7.org/fhir/StructureDefinition/heartrate";
  private static final String SPO2_PROFILE = "http://hl7.org/fhir/StructureDefinition/oxygensat";

  private final ObjectMapper json = new ObjectMapper();
  private final Vocabulary words;
  private final Map<DeviceKind, DeviceProfile> profiles;

  public FhirExport(Vocabulary words, Map<DeviceKind, DeviceProfile> profiles) {
    this.words = words;
    this.profiles = Map.copyOf(profiles);
  }

  /** The course as a Bundle, UTF-8 JSON. */
  public byte[] course(Course course) {
    ObjectNode root = bundle("course", course.id());
    ArrayNode entries = (ArrayNode) root.get("entry");
    add(entries, patient(course.patientCode()));
    Map<String, SessionRecord> devices = new LinkedHashMap<>();
    for (SessionRecord session : course.sessions()) {
      devices.putIfAbsent(session.deviceId(), session);
    }
    for (SessionRecord session : devices.values()) {
      add(entries, device(session));
    }
    for (SessionRecord session : course.sessions()) {
      procedureAndObservations(entries, session);
    }
    return bytes(root);
  }

  /** One session as a Bundle (its Patient, Device, Procedure and Observations), UTF-8 JSON. */
  public byte[] session(SessionRecord session) {
    ObjectNode root = bundle("session", session.sessionId());
    ArrayNode entries = (ArrayNode) root.get("entry");
    add(entries, patient(session.patientCode()));
    add(entries, device(session));
    procedureAndObservations(entries, session);
    return bytes(root);
  }

  /** A collection Bundle holding the project's CodeSystem. */
  private ObjectNode bundle(String what, String id) {
    ObjectNode root = json.createObjectNode();
    root.put("resourceType", "Bundle");
    root.put("id", uuid("bundle-" + what, id));
    root.put("type", "collection");
    ArrayNode entries = root.putArray("entry");
    ObjectNode codes = RehabCodes.codeSystem(json, profiles);
    entries.addObject().put("fullUrl", RehabCodes.SYSTEM).set("resource", codes);
    return root;
  }

  private byte[] bytes(ObjectNode root) {
    try {
      return json.writerWithDefaultPrettyPrinter()
          .writeValueAsString(root)
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a FHIR document that cannot be written: " + e, e);
    }
  }

  private static void add(ArrayNode entries, ObjectNode resource) {
    entries
        .addObject()
        .put("fullUrl", "urn:uuid:" + resource.get("id").asText())
        .set("resource", resource);
  }

  private ObjectNode patient(String code) {
    ObjectNode patient = json.createObjectNode();
    patient.put("resourceType", "Patient");
    patient.put("id", uuid("patient", code));
    patient
        .putArray("identifier")
        .addObject()
        .put("system", "urn:rehab-telemetry:patient-code")
        .put("value", code);
    return patient;
  }

  private ObjectNode device(SessionRecord session) {
    ObjectNode device = json.createObjectNode();
    device.put("resourceType", "Device");
    device.put("id", uuid("device", session.deviceId()));
    device
        .putArray("identifier")
        .addObject()
        .put("system", "urn:rehab-telemetry:device-id")
        .put("value", session.deviceId());
    device
        .putArray("deviceName")
        .addObject()
        .put("name", words.kind(session.kind()) + " " + session.deviceId())
        .put("type", "user-friendly-name");
    ObjectNode type = device.putObject("type");
    type.putArray("coding")
        .addObject()
        .put("system", RehabCodes.SYSTEM)
        .put("code", RehabCodes.device(session.kind()))
        .put("display", english(session.kind()));
    type.put("text", words.kind(session.kind()));
    return device;
  }

  private void procedureAndObservations(ArrayNode entries, SessionRecord session) {
    String patient = "urn:uuid:" + uuid("patient", session.patientCode());
    String device = "urn:uuid:" + uuid("device", session.deviceId());
    String procedureId = uuid("procedure", session.sessionId());
    ObjectNode procedure = json.createObjectNode();
    procedure.put("resourceType", "Procedure");
    procedure.put("id", procedureId);
    procedure
        .putArray("identifier")
        .addObject()
        .put("system", "urn:rehab-telemetry:session-id")
        .put("value", session.sessionId());
    procedure.put(
        "status",
        session.outcome() == null
            ? "in-progress"
            : session.interrupted() ? "stopped" : "completed");
    ObjectNode code = procedure.putObject("code");
    code.putArray("coding")
        .addObject()
        .put("system", RehabCodes.SYSTEM)
        .put("code", RehabCodes.session(session.kind()))
        .put("display", english(session.kind()) + " session");
    code.put(
        "text",
        words.kind(session.kind()) + ": " + words.programme(session.kind(), session.programme()));
    procedure.putObject("subject").put("reference", patient);
    ObjectNode period = procedure.putObject("performedPeriod");
    period.put("start", session.startedAt().toString());
    if (session.endedAt() != null) {
      period.put("end", session.endedAt().toString());
    }
    procedure.putArray("usedReference").addObject().put("reference", device);
    if (!session.settings().isEmpty()) {
      StringBuilder settings = new StringBuilder();
      for (Map.Entry<String, Double> setting : new TreeMap<>(session.settings()).entrySet()) {
        if (settings.length() > 0) {
          settings.append("; ");
        }
        boolean limit = setting.getKey().startsWith(SessionSheet.LIMIT);
        String name =
            limit ? setting.getKey().substring(SessionSheet.LIMIT.length()) : setting.getKey();
        String unit =
            limit
                ? words.alarmChannel(session.kind(), name).map(c -> words.unit(c.unit())).orElse("")
                : words
                    .setting(session.kind(), session.programme(), name)
                    .map(s -> words.unit(s.unit()))
                    .orElse("");
        settings
            .append(
                limit
                    ? words.texts().get("section.limits") + ", " + words.alarm(name, name)
                    : words.settingLabel(session.kind(), session.programme(), name))
            .append(": ")
            .append(setting.getValue())
            .append(unit.isEmpty() ? "" : " " + unit);
      }
      procedure.putArray("note").addObject().put("text", settings.toString());
    }
    add(entries, procedure);
    for (Map.Entry<String, Double> metric : session.metrics().entrySet()) {
      add(
          entries,
          observation(session, metric.getKey(), metric.getValue(), procedureId, patient, device));
    }
  }

  private ObjectNode observation(
      SessionRecord session,
      String metric,
      double value,
      String procedureId,
      String patient,
      String device) {
    ObjectNode observation = json.createObjectNode();
    observation.put("resourceType", "Observation");
    observation.put("id", uuid("observation", session.sessionId() + "/" + metric));
    Optional<MetricSpec> spec = words.metric(session.kind(), metric);
    String unit = metric.equals("durationMin") ? "min" : spec.map(MetricSpec::unit).orElse("");
    boolean heartRate = metric.equals("peakHr") || metric.equals("baselineHr");
    boolean spo2 = metric.equals("minSpo2");
    if (heartRate || spo2) {
      observation
          .putObject("meta")
          .putArray("profile")
          .add(heartRate ? HEART_RATE_PROFILE : SPO2_PROFILE);
    }
    observation.put("status", "final");
    if (heartRate || spo2) {
      observation
          .putArray("category")
          .addObject()
          .putArray("coding")
          .addObject()
          .put("system", VITAL_SIGNS)
          .put("code", "vital-signs")
          .put("display", "Vital Signs");
    }
    ObjectNode code = observation.putObject("code");
    ArrayNode coding = code.putArray("coding");
    if (heartRate) {
      coding
          .addObject()
          .put("system", RehabCodes.LOINC)
          .put("code", "8867-4")
          .put("display", "Heart rate");
    } else if (spo2) {
      coding
          .addObject()
          .put("system", RehabCodes.LOINC)
          .put("code", "2708-6")
          .put("display", "Oxygen saturation in Arterial blood");
      coding
          .addObject()
          .put("system", RehabCodes.LOINC)
          .put("code", "59408-5")
          .put("display", "Oxygen saturation in Arterial blood by Pulse oximetry");
    }
    coding
        .addObject()
        .put("system", RehabCodes.SYSTEM)
        .put("code", RehabCodes.metric(metric))
        .put("display", RehabCodes.concepts(profiles).getOrDefault(metric, metric));
    code.put("text", words.metricLabel(session.kind(), metric));
    observation.putObject("subject").put("reference", patient);
    observation.putArray("partOf").addObject().put("reference", "urn:uuid:" + procedureId);
    if (heartRate || spo2) {
      // The R4 vital-signs invariant vs-1 fails on an effectivePeriod in HAPI's validator (its
      // FHIRPath casts the Period to dateTime); the session's start stands for the whole session.
      observation.put("effectiveDateTime", session.startedAt().toString());
    } else {
      ObjectNode period = observation.putObject("effectivePeriod");
      period.put("start", session.startedAt().toString());
      if (session.endedAt() != null) {
        period.put("end", session.endedAt().toString());
      }
    }
    observation.putObject("device").put("reference", device);
    String ucum = spo2 ? "%" : heartRate ? "/min" : RehabCodes.ucum(unit);
    observation
        .putObject("valueQuantity")
        .put("value", value)
        .put("unit", heartRate ? "beats/minute" : unit.isEmpty() ? ucum : unit)
        .put("system", RehabCodes.UCUM)
        .put("code", ucum);
    return observation;
  }

  private String english(DeviceKind kind) {
    DeviceProfile profile = profiles.get(kind);
    return profile == null ? kind.wireName() : profile.labels().in("en", kind.wireName());
  }

  /** A name-based UUID: the same record, the same id in every export. */
  static String uuid(String type, String id) {
    return UUID.nameUUIDFromBytes((type + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
