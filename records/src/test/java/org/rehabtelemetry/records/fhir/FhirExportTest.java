package org.rehabtelemetry.records.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.SampleCourse;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.Courses;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * The FHIR export checked by HAPI FHIR's validator (the R4 base specification, its vital-signs
 * profiles, UCUM, and the project's CodeSystem): no errors, for a session and for a course.
 */
class FhirExportTest {
  private static final Map<DeviceKind, DeviceProfile> PROFILES =
      Map.of(DeviceKind.VERTICALIZER, DeviceProfiles.builtIn(DeviceKind.VERTICALIZER));
  private static FhirContext fhir;
  private static FhirValidator validator;
  private final FhirExport export =
      new FhirExport(new Vocabulary(Texts.of(Language.RU), PROFILES), PROFILES);
  private final List<SessionRecord> sessions =
      SampleCourse.verticalizer(Instant.parse("2026-05-11T00:00:00Z"), 12, false);

  @BeforeAll
  static void validator() {
    fhir = FhirContext.forR4();
    PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(fhir);
    ours.addCodeSystem(
        fhir.newJsonParser()
            .parseResource(
                CodeSystem.class, RehabCodes.codeSystem(new ObjectMapper(), PROFILES).toString()));
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(fhir),
            new SnapshotGeneratingValidationSupport(fhir),
            new CommonCodeSystemsTerminologyService(fhir),
            new InMemoryTerminologyServerValidationSupport(fhir),
            ours);
    validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  @Test
  void aSessionIsAProcedureWithObservationsAndTheDevice_andValidates() throws Exception {
    byte[] bundle = export.session(sessions.get(2));
    assertNoErrors(bundle);
    JsonNode tree = new ObjectMapper().readTree(bundle);
    List<String> types =
        tree.get("entry").findValues("resourceType").stream().map(JsonNode::asText).toList();
    assertEquals(List.of("CodeSystem", "Patient", "Device", "Procedure"), types.subList(0, 4));
    assertEquals(10, types.stream().filter("Observation"::equals).count(), "duration + 9 metrics");
    String text = new String(bundle, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"8867-4\"") && text.contains("\"59408-5\""), "LOINC codes");
    assertTrue(text.contains("\"P-0042\""));
    assertFalse(
        text.contains("birthDate") || text.contains("\"name\" : [ {\"family"), "no identity");
  }

  @Test
  void aCourseIsABundleOfItsSessions_andValidates() {
    List<Course> courses =
        new Courses(Duration.ofDays(21), 12).group(SampleCourse.PATIENT, sessions, List.of());
    byte[] bundle = export.course(courses.get(0));
    assertNoErrors(bundle);
    assertTrue(
        new String(bundle, StandardCharsets.UTF_8).contains("\"status\" : \"stopped\""),
        "the interrupted session is a stopped procedure");
  }

  private static void assertNoErrors(byte[] bundle) {
    List<SingleValidationMessage> messages =
        validator.validateWithResult(new String(bundle, StandardCharsets.UTF_8)).getMessages();
    List<SingleValidationMessage> errors =
        messages.stream()
            .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
            .toList();
    System.out.printf(
        "FHIR validation of %d bytes: %d errors, %d warnings%n",
        bundle.length,
        errors.size(),
        messages.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.WARNING).count());
    assertTrue(errors.isEmpty(), errors.size() + " errors: " + errors);
  }
}
