package org.rehabtelemetry.gateway.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.gateway.auth.OperatorAccount;
import org.rehabtelemetry.gateway.auth.Role;
import org.rehabtelemetry.gateway.records.ClinicalRecords;
import org.rehabtelemetry.records.archive.Recent;
import org.rehabtelemetry.records.archive.SessionArchive;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.CourseMark;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.progress.CourseProgress;
import org.rehabtelemetry.records.progress.MetricTrend;
import org.rehabtelemetry.records.sheet.SessionSheet;

/**
 * The clinic's records on the dashboard's API, behind its login:
 *
 * <pre>
 * GET  /api/records/patients                       patient codes with sessions
 * GET  /api/records/courses?patient=P              the child's courses: sessions and trends
 * GET  /api/records/session?device=D&amp;session=S       the session report's words (JSON)
 * GET  /api/records/session.pdf?device=D&amp;session=S   the session report
 * GET  /api/records/course.pdf?patient=P&amp;course=N  the course progress report
 * GET  /api/records/parent.pdf?patient=P&amp;course=N  the parent summary
 * GET  /api/records/session.fhir.json?device=D&amp;session=S  the session as a FHIR R4 Bundle
 * GET  /api/records/course.fhir.json?patient=P&amp;course=N  the course as a FHIR R4 Bundle
 * POST /api/records/courses/open?patient=P&amp;prescribed=N   (operator) opens a course now
 * POST /api/records/courses/close?patient=P                (operator) closes it now
 * </pre>
 *
 * A session is named by its device and its id together. The oldest course listed says {@code
 * olderSessionsOmitted} when the child has more sessions than one answer holds. Texts come in
 * {@code ?lang=ru|kk|en}, else the account's language, else the config's. Every report download and
 * course mark is in the audit log. A code or id that is not one is refused with 400 before any
 * query; with no records here every call answers 503 and says why.
 */
final class RecordsRoutes {
  private final DashboardViews views;

  RecordsRoutes(DashboardViews views) {
    this.views = views;
  }

  void declare(JavalinConfig config) {
    config.routes.get("/api/records/patients", ctx -> ctx.json(records(ctx).patients()));
    config.routes.get("/api/records/courses", this::courses);
    config.routes.get("/api/records/session", this::sessionSheet);
    config.routes.get("/api/records/session.pdf", this::sessionPdf);
    config.routes.get("/api/records/course.pdf", ctx -> coursePdf(ctx, false));
    config.routes.get("/api/records/parent.pdf", ctx -> coursePdf(ctx, true));
    config.routes.get("/api/records/session.fhir.json", this::sessionFhir);
    config.routes.get("/api/records/course.fhir.json", this::courseFhir);
    config.routes.post("/api/records/courses/open", ctx -> mark(ctx, CourseMark.Action.OPEN));
    config.routes.post("/api/records/courses/close", ctx -> mark(ctx, CourseMark.Action.CLOSE));
  }

  private ClinicalRecords records(Context ctx) {
    Optional<ClinicalRecords> records = views.records().records();
    if (records.isEmpty()) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
      throw new io.javalin.http.HttpResponseException(
          HttpStatus.SERVICE_UNAVAILABLE.getCode(), views.records().unavailable());
    }
    return records.get();
  }

  private void courses(Context ctx) throws IOException {
    ClinicalRecords records = records(ctx);
    String patient = patientCode(ctx);
    Language language = language(ctx, records);
    Vocabulary words = new Vocabulary(Texts.of(language), records.reports().profiles());
    Recent<Course> history = records.history(patient);
    List<Course> courses = history.items();
    List<Map<String, Object>> answer = new ArrayList<>();
    for (Course course : courses) {
      CourseProgress progress = records.progress(courses, course.number()).orElseThrow();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("number", course.number());
      json.put("olderSessionsOmitted", course.number() == 1 && history.olderOmitted());
      json.put("openedAt", course.openedAt());
      json.put("closedAt", course.closedAt());
      json.put("openedByTherapist", course.openedByTherapist());
      json.put("prescribedSessions", course.prescribedSessions());
      json.put("sessionsDone", progress.sessionsDone());
      json.put("interrupted", progress.interrupted());
      json.put("alarms", progress.alarms());
      List<Map<String, Object>> sessions = new ArrayList<>();
      for (SessionRecord session : course.sessions()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sessionId", session.sessionId());
        s.put("deviceId", session.deviceId());
        s.put("kind", words.kind(session.kind()));
        s.put("programme", words.programme(session.kind(), session.programme()));
        s.put("startedAt", session.startedAt());
        s.put("outcome", session.outcome());
        s.put("durationMin", session.metrics().get(CourseProgress.DURATION));
        s.put("alarms", session.alarmsRaised());
        s.put("complete", session.completeness().complete());
        sessions.add(s);
      }
      json.put("sessions", sessions);
      List<Map<String, Object>> trends = new ArrayList<>();
      for (MetricTrend trend : progress.trends()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("metric", trend.metric());
        t.put("kind", words.kind(trend.kind()));
        t.put("label", words.metricLabel(trend.kind(), trend.metric()));
        t.put("unit", words.unit(trend.unit()));
        t.put("decimals", trend.decimals());
        t.put("points", trend.points().stream().map(p -> List.of(p.session(), p.value())).toList());
        t.put(
            "previousCourseMean",
            trend.previousCourseMean().isPresent()
                ? trend.previousCourseMean().getAsDouble()
                : null);
        trends.add(t);
      }
      json.put("trends", trends);
      answer.add(json);
    }
    ctx.json(answer);
  }

  private void sessionSheet(Context ctx) throws IOException {
    ClinicalRecords records = records(ctx);
    String device = identifier(ctx, "device");
    String session = identifier(ctx, "session");
    Optional<SessionSheet> sheet = records.sessionSheet(device, session, language(ctx, records));
    if (sheet.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND)
          .json(Map.of("error", "no such record: " + device + "/" + session));
      return;
    }
    OperatorAccount account = ctx.attribute("account");
    views
        .audit()
        .record(account.username(), "view session", device + "/" + session, ctx.ip(), "ok");
    ctx.header("Cache-Control", "no-store");
    ctx.json(sheet.get());
  }

  private void sessionPdf(Context ctx) throws IOException {
    ClinicalRecords records = records(ctx);
    String device = identifier(ctx, "device");
    String session = identifier(ctx, "session");
    Optional<byte[]> pdf = records.sessionPdf(device, session, language(ctx, records));
    download(ctx, pdf, "session-" + device + "-" + session, device + "/" + session);
  }

  private void coursePdf(Context ctx, boolean parent) throws IOException {
    ClinicalRecords records = records(ctx);
    String patient = patientCode(ctx);
    int number = number(ctx, "course", 1, Course.MAX_PRESCRIBED);
    Language language = language(ctx, records);
    Optional<byte[]> pdf =
        parent
            ? records.parentPdf(patient, number, language)
            : records.coursePdf(patient, number, language);
    download(
        ctx,
        pdf,
        (parent ? "parent-" : "course-") + patient + "-" + number,
        patient + "/" + number);
  }

  private void sessionFhir(Context ctx) throws IOException {
    ClinicalRecords records = records(ctx);
    String device = identifier(ctx, "device");
    String session = identifier(ctx, "session");
    download(
        ctx,
        records.sessionFhir(device, session, language(ctx, records)),
        "session-" + device + "-" + session,
        device + "/" + session,
        FHIR_JSON);
  }

  private void courseFhir(Context ctx) throws IOException {
    ClinicalRecords records = records(ctx);
    String patient = patientCode(ctx);
    int number = number(ctx, "course", 1, Course.MAX_PRESCRIBED);
    download(
        ctx,
        records.courseFhir(patient, number, language(ctx, records)),
        "course-" + patient + "-" + number,
        patient + "/" + number,
        FHIR_JSON);
  }

  private static final String PDF = "pdf";
  private static final String FHIR_JSON = "fhir.json";

  private void download(Context ctx, Optional<byte[]> pdf, String name, String what) {
    download(ctx, pdf, name, what, PDF);
  }

  private void download(
      Context ctx, Optional<byte[]> body, String name, String what, String format) {
    OperatorAccount account = ctx.attribute("account");
    if (body.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such record: " + what));
      return;
    }
    views.audit().record(account.username(), "download " + format, name, ctx.ip(), "ok");
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(PDF.equals(format) ? "application/pdf" : "application/fhir+json")
        .result(body.get());
  }

  private void mark(Context ctx, CourseMark.Action action) throws IOException {
    ClinicalRecords records = records(ctx);
    OperatorAccount account = ctx.attribute("account");
    String patient = patientCode(ctx);
    if (!account.role().includes(Role.OPERATOR)) {
      views
          .audit()
          .record(
              account.username(),
              action.wireName() + " course",
              patient,
              ctx.ip(),
              "refused: needs the operator role");
      throw new ForbiddenResponse("opening or closing a course needs the operator role");
    }
    CourseMark mark =
        action == CourseMark.Action.OPEN
            ? records.open(
                patient,
                ctx.queryParam("prescribed") == null
                    ? records.settings().defaultPrescribedSessions()
                    : number(ctx, "prescribed", 0, Course.MAX_PRESCRIBED),
                account.username())
            : records.close(patient, account.username());
    views
        .audit()
        .record(account.username(), action.wireName() + " course", patient, ctx.ip(), "ok");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("patient", mark.patientCode());
    answer.put("action", mark.action().wireName());
    answer.put("time", mark.time());
    answer.put("prescribedSessions", mark.prescribedSessions());
    ctx.json(answer);
  }

  private static Language language(Context ctx, ClinicalRecords records) {
    String asked = ctx.queryParam("lang");
    if (asked != null) {
      return Language.of(asked)
          .orElseThrow(() -> new io.javalin.http.BadRequestResponse("lang must be ru, kk or en"));
    }
    OperatorAccount account = ctx.attribute("account");
    return Language.of(account.language()).orElse(records.settings().language());
  }

  private static String patientCode(Context ctx) {
    String value = ctx.queryParam("patient");
    if (!SessionArchive.isPatientCode(value)) {
      throw new io.javalin.http.BadRequestResponse(
          "needs ?patient= with a patient code: 3 to 32 capital letters, digits or dashes, such as"
              + " P-0042");
    }
    return value;
  }

  private static String identifier(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (!SessionArchive.isIdentifier(value)) {
      throw new io.javalin.http.BadRequestResponse(
          "needs ?" + name + "= with a " + name + " code: letters, digits, '-', '.', ':' or '_'");
    }
    return value;
  }

  private static int number(Context ctx, String name, int min, int max) {
    String value = ctx.queryParam(name);
    try {
      int number = Integer.parseInt(value == null ? "" : value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new io.javalin.http.BadRequestResponse(
        "needs ?" + name + "= with a whole number from " + min + " to " + max);
  }
}
