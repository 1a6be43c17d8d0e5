package org.rehabtelemetry.agent.session;

import java.util.Map;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.ProgrammeSpec;
import org.rehabtelemetry.protocol.Identifiers;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * Checks a session command completely before anything changes, so a refused command leaves the
 * device as it was: the patient code (pseudonymous; it reaches the disk only if valid), the
 * programme, every setting against the profile's range (the range the browser shows is enforced
 * here too), and the reason text. Refusals are sentences a therapist can act on. Stateless.
 */
public final class SessionRequest {
  private SessionRequest() {}

  /** Checks a start: patient code, programme, settings and reason. */
  public static void checkStart(
      DeviceProfile profile,
      String patientCode,
      String programme,
      Map<String, Double> settings,
      String reason) {
    checkPatientCode(patientCode);
    ProgrammeSpec spec =
        profile
            .programme(programme == null ? "" : programme)
            .orElseThrow(
                () ->
                    new SessionRefusedException(
                        "programme",
                        Map.of("programme", printable(programme)),
                        "This device has no programme \""
                            + printable(programme)
                            + "\". Choose one of: "
                            + String.join(
                                ", ",
                                profile.programmes().stream().map(ProgrammeSpec::name).toList())
                            + "."));
    checkSettings(spec, settings);
    checkReason(reason);
  }

  /** The patient code must be pseudonymous: 3-32 of A-Z, 0-9 and dashes. */
  public static void checkPatientCode(String patientCode) {
    try {
      Identifiers.patientCode("patientCode", patientCode);
    } catch (ProtocolException e) {
      throw new SessionRefusedException(
          "patient-code",
          Map.of(),
          "The patient code must be 3 to 32 capital letters, digits or dashes, such as P-7F3A."
              + " Never enter a name or a birth date.");
    }
  }

  /** Each setting must belong to the programme and lie within its range. */
  public static void checkSettings(ProgrammeSpec programme, Map<String, Double> settings) {
    for (Map.Entry<String, Double> entry : settings.entrySet()) {
      ProgrammeSpec.Setting setting = programme.settings().get(entry.getKey());
      if (setting == null) {
        throw new SessionRefusedException(
            "setting-unknown",
            Map.of("setting", printable(entry.getKey())),
            "The programme "
                + programme.name()
                + " has no setting \""
                + printable(entry.getKey())
                + "\".");
      }
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value) || !setting.allows(value)) {
        throw new SessionRefusedException(
            "setting-range",
            Map.of(
                "setting", entry.getKey(),
                "min", number(setting.min()),
                "max", number(setting.max()),
                "given", value == null ? "" : number(value)),
            "The setting "
                + setting.labels().in("en", entry.getKey())
                + " must be between "
                + number(setting.min())
                + " and "
                + number(setting.max())
                + (setting.unit().isEmpty() ? "" : " " + setting.unit())
                + "; "
                + (value == null ? "nothing" : number(value))
                + " was given.");
      }
    }
  }

  /** The reason is free text: at most 500 characters, no control characters. */
  public static void checkReason(String reason) {
    try {
      Identifiers.text("reason", reason);
    } catch (ProtocolException e) {
      throw new SessionRefusedException(
          "The reason must be plain text of at most 500 characters, without tabs or line breaks.");
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String printable(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
