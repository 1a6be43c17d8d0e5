package org.rehabtelemetry.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.rehabtelemetry.gateway.alarms.DashboardSoundPause;
import org.rehabtelemetry.gateway.auth.OperatorAccount;
import org.rehabtelemetry.gateway.auth.Role;
import org.rehabtelemetry.web.Json;

/**
 * The desk's AUDIO PAUSED ({@link DashboardSoundPause}, docs/alarms.md):
 *
 * <pre>
 * GET  /api/alarms/audio-pause  who paused, until when, which alarms
 * POST /api/alarms/audio-pause  (operator or admin) pauses the desk's sound for its time, for the
 *                               alarms the page heard: {"alarms": ["device/alarmId", ...]}
 * POST /api/alarms/audio-resume (operator or admin) ends the pause early
 * </pre>
 *
 * Behind the dashboard's login check ({@link DashboardRoutes}); every pause, resume and refusal is
 * audited.
 */
final class SoundPauseRoutes {
  private final DashboardViews views;

  SoundPauseRoutes(DashboardViews views) {
    this.views = views;
  }

  void declare(JavalinConfig config) {
    config.routes.get("/api/alarms/audio-pause", ctx -> ctx.json(views.soundPause().state()));
    config.routes.post(
        "/api/alarms/audio-pause",
        ctx -> {
          String operator = operatorOnly(ctx, "pause alarm sound");
          DashboardSoundPause.Outcome outcome =
              views.soundPause().pause(operator, heardAlarms(ctx));
          views
              .audit()
              .record(
                  operator,
                  "pause alarm sound",
                  outcome.state().silenced().size() + " alarms",
                  ctx.ip(),
                  outcome.changed()
                      ? "ok"
                      : outcome.state().paused() ? "already paused" : "nothing was sounding");
          ctx.json(outcome.state());
        });
    config.routes.post(
        "/api/alarms/audio-resume",
        ctx -> {
          String operator = operatorOnly(ctx, "resume alarm sound");
          DashboardSoundPause.Outcome outcome = views.soundPause().resume(operator);
          views
              .audit()
              .record(
                  operator,
                  "resume alarm sound",
                  null,
                  ctx.ip(),
                  outcome.changed() ? "ok" : "nothing was paused");
          ctx.json(outcome.state());
        });
  }

  /** At most this many alarms named in a pause request (the board keeps 10,000 active). */
  private static final int MAX_HEARD = 10_000;

  /**
   * The alarms a pause request says the page was sounding ({@code {"alarms": ["device/id", ...]}}),
   * or null for a request that names none (an API client: every alarm that needs sound).
   *
   * @throws BadRequestResponse for a body that is not that shape, or names too many
   */
  private static Set<String> heardAlarms(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      return null;
    }
    JsonNode alarms;
    try {
      alarms = Json.mapper().readTree(body).path("alarms");
    } catch (IOException e) {
      throw new BadRequestResponse(
          "the body must be JSON: {\"alarms\": [\"device/alarmId\", ...]}");
    }
    if (alarms.isMissingNode()) {
      return null;
    }
    if (!alarms.isArray() || alarms.size() > MAX_HEARD) {
      throw new BadRequestResponse(
          "\"alarms\" must be a list of at most " + MAX_HEARD + " \"device/alarmId\" texts");
    }
    Set<String> heard = new HashSet<>();
    for (JsonNode alarm : alarms) {
      if (!alarm.isTextual() || alarm.asText().length() > 200) {
        throw new BadRequestResponse("each of \"alarms\" is a \"device/alarmId\" text");
      }
      heard.add(alarm.asText());
    }
    return heard;
  }

  /** The operator's name; an audited 403 for a viewer. */
  private String operatorOnly(Context ctx, String action) {
    OperatorAccount account = ctx.attribute(DashboardRoutes.ACCOUNT);
    if (!account.role().includes(Role.OPERATOR)) {
      views
          .audit()
          .record(account.username(), action, null, ctx.ip(), "refused: needs the operator role");
      throw new ForbiddenResponse(action + " needs the operator role");
    }
    return account.username();
  }
}
