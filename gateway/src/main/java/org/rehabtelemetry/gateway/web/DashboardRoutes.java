package org.rehabtelemetry.gateway.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.gateway.alarms.AlarmBoard;
import org.rehabtelemetry.gateway.alarms.GatewayAlarmLog;
import org.rehabtelemetry.gateway.auth.LoginGuard;
import org.rehabtelemetry.gateway.auth.LoginSessions;
import org.rehabtelemetry.gateway.auth.OperatorAccount;
import org.rehabtelemetry.gateway.auth.Role;
import org.rehabtelemetry.gateway.live.LiveFeed;
import org.rehabtelemetry.gateway.registry.DeviceInfo;
import org.rehabtelemetry.web.BundledFiles;
import org.rehabtelemetry.web.SharedAssets;
import org.rehabtelemetry.web.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator dashboard and its API:
 *
 * <pre>
 * GET  /login, POST /login    the login form; POST /logout ends the session
 * GET  /                      the dashboard (redirects to /login without a session)
 * GET  /api/me                the operator logged in, their role and language
 * GET  /api/devices           the fleet: online, last seen, version, session, active alarm codes
 * GET  /api/profiles          device kinds and channels with labels, units, decimals (profiles)
 * GET  /api/sessions          completeness of the tracked and recently finished sessions
 * GET  /api/dead-letters      counts by reason and the latest 100, without payloads
 * GET  /api/alarms            the alarm list
 * POST /api/alarms/ack        ?device=D&amp;alarm=A (operator or admin): seen at the desk
 * /api/alarms/audio-pause, /api/alarms/audio-resume  the desk's AUDIO PAUSED ({@link
 *                             SoundPauseRoutes})
 * GET  /api/alarm-log         the gateway's alarm log, latest 200 changes, newest first
 * GET  /api/alarm-log.csv     the same as CSV: the newest changes, up to 10,000, of two months
 * GET  /api/live              server-sent events ({@link LiveFeed}); ?device=D adds its samples
 * GET  /api/audit             the audit log's latest entries (admin)
 * /api/records/...            the clinic's records and reports ({@link RecordsRoutes})
 * </pre>
 *
 * Every {@code /api} call needs a login session: a random token in an {@code HttpOnly}, {@code
 * SameSite=Strict} cookie ({@code Secure} when configured). Every answer carries the web layer's
 * security headers, and a write from another origin is refused there. With no account configured,
 * the dashboard and its API answer 403.
 */
final class DashboardRoutes {
  static final String COOKIE = "rt_session";

  /** Every file of {@code src/main/resources/dashboard/static}; a test keeps the two the same. */
  static final List<String> STATIC_FILES =
      List.of("app.js", "app.css", "i18n.js", "chart.js", "records.js");

  private static final Logger LOG = LoggerFactory.getLogger(DashboardRoutes.class);

  /** The context attribute holding the logged-in {@link OperatorAccount}. */
  static final String ACCOUNT = "account";

  private final DashboardViews views;
  private final ProfileLabels labels = new ProfileLabels();

  DashboardRoutes(DashboardViews views) {
    this.views = views;
  }

  /** The account's language, else the gateway's. */
  private String language(OperatorAccount account) {
    return account.language() != null ? account.language() : views.language();
  }

  void declare(JavalinConfig config, Streams streams) {
    SharedAssets.serve(config);
    BundledFiles.read("/dashboard/static", STATIC_FILES).serve(config, "");
    config.routes.before(
        ctx -> {
          String path = ctx.path();
          if (!views.logins().enabled() && !path.equals("/metrics") && !path.equals("/health")) {
            throw new ForbiddenResponse(
                "The dashboard is off: no operator account is configured (dashboard.operators).");
          }
        });
    config.routes.before(
        "/api/*",
        ctx -> {
          OperatorAccount account =
              views.logins().operator(ctx.cookie(COOKIE)).orElseThrow(UnauthorizedResponse::new);
          ctx.attribute(ACCOUNT, account);
        });
    config.routes.get("/", this::dashboard);
    config.routes.get("/index.html", this::dashboard);
    config.routes.get("/login", ctx -> page(ctx, "login.html"));
    config.routes.post("/login", this::login);
    config.routes.post("/logout", this::logout);
    config.routes.get(
        "/api/me",
        ctx -> {
          OperatorAccount account = account(ctx);
          Map<String, Object> me = new LinkedHashMap<>();
          me.put("operator", account.username());
          me.put("role", account.role().wireName());
          me.put("language", account.language() != null ? account.language() : views.language());
          ctx.json(me);
        });
    config.routes.get("/api/devices", ctx -> ctx.json(devices()));
    config.routes.get("/api/profiles", ctx -> ctx.json(labels.in(language(account(ctx)))));
    config.routes.get("/api/sessions", ctx -> ctx.json(views.completeness().all()));
    config.routes.get("/api/dead-letters", ctx -> ctx.json(deadLetters()));
    config.routes.get("/api/alarms", ctx -> ctx.json(views.alarms().all()));
    config.routes.post("/api/alarms/ack", this::acknowledge);
    new SoundPauseRoutes(views).declare(config);
    config.routes.get("/api/alarm-log", ctx -> ctx.json(views.alarmLog().recent(200)));
    config.routes.get(
        "/api/alarm-log.csv",
        ctx -> {
          views.audit().record(account(ctx).username(), "download alarm log", null, ctx.ip(), "ok");
          ctx.contentType("text/csv; charset=utf-8")
              .header("Content-Disposition", "attachment; filename=\"gateway-alarm-log.csv\"")
              .header("Cache-Control", "no-store")
              .result(GatewayAlarmLog.csv(views.alarmLog().recent(10_000)));
        });
    config.routes.get(
        "/api/audit",
        ctx -> {
          require(ctx, Role.ADMIN);
          ctx.json(views.audit().recent());
        });
    streams.route(config, "/api/live", this::stream);
    new RecordsRoutes(views).declare(config);
  }

  private void dashboard(Context ctx) throws IOException {
    if (views.logins().operator(ctx.cookie(COOKIE)).isEmpty()) {
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
      return;
    }
    page(ctx, "index.html");
  }

  private void login(Context ctx) {
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("");
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    LoginSessions.Outcome outcome;
    try {
      outcome = views.logins().login(username, password, ctx.ip());
    } finally {
      Arrays.fill(password, '\0');
    }
    if (!outcome.success()) {
      String why =
          outcome.verdict() == LoginGuard.Verdict.GO
              ? "wrong name or password"
              : outcome.verdict().name().toLowerCase(Locale.ROOT);
      views.audit().record(username, "login", null, ctx.ip(), "refused: " + why);
      LOG.warn("failed dashboard login for \"{}\" from {}: {}", clean(username), ctx.ip(), why);
      ctx.redirect("/login?failed", HttpStatus.SEE_OTHER);
      return;
    }
    views.audit().record(outcome.account().username(), "login", null, ctx.ip(), "ok");
    LOG.info("operator {} logged in to the dashboard", outcome.account().username());
    Cookie cookie =
        new Cookie(
            COOKIE,
            outcome.token(),
            "/",
            (int) views.logins().lifetime().toSeconds(),
            views.secureCookie(),
            true,
            null,
            SameSite.STRICT);
    ctx.cookie(cookie);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    views
        .logins()
        .logout(ctx.cookie(COOKIE))
        .ifPresent(
            account -> views.audit().record(account.username(), "logout", null, ctx.ip(), "ok"));
    ctx.cookie(new Cookie(COOKIE, "", "/", 0, views.secureCookie(), true, null, SameSite.STRICT));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void acknowledge(Context ctx) {
    OperatorAccount account = account(ctx);
    String device = ctx.queryParam("device");
    String alarm = ctx.queryParam("alarm");
    if (!account.role().includes(Role.OPERATOR)) {
      views
          .audit()
          .record(
              account.username(),
              "acknowledge alarm",
              clean(device + " " + alarm),
              ctx.ip(),
              "refused: needs the operator role");
      throw new ForbiddenResponse("acknowledging an alarm needs the operator role");
    }
    if (device == null || alarm == null) {
      ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "needs ?device=D&alarm=A"));
      return;
    }
    Optional<AlarmBoard.Entry> entry =
        views.alarms().acknowledge(device, alarm, account.username());
    if (entry.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such alarm"));
      return;
    }
    views
        .audit()
        .record(
            account.username(),
            "acknowledge alarm",
            device + " " + alarm + " " + entry.get().code(),
            ctx.ip(),
            "ok");
    ctx.json(entry.get());
  }

  private void stream(SseClient client) throws InterruptedException {
    String device = client.ctx().queryParam("device");
    try (LiveFeed.Subscriber subscriber = views.live().subscribe(device)) {
      client.sendComment("live");
      while (!client.terminated()) {
        LiveFeed.Event event = subscriber.next(15, TimeUnit.SECONDS);
        if (event == null) {
          client.sendComment("keep-alive");
        } else {
          client.sendEvent(event.name(), event.data());
        }
      }
    }
  }

  private List<Map<String, Object>> devices() {
    Map<String, List<String>> active = new LinkedHashMap<>();
    for (AlarmBoard.Entry alarm : views.alarms().all()) {
      if (!alarm.over()) {
        active
            .computeIfAbsent(alarm.device(), d -> new ArrayList<>())
            .add(alarm.code() + " (" + alarm.priority() + ")");
      }
    }
    List<Map<String, Object>> devices = new ArrayList<>();
    for (DeviceInfo info : views.registry().devices()) {
      Map<String, Object> device = new LinkedHashMap<>();
      device.put("site", info.site());
      device.put("deviceId", info.deviceId());
      device.put("kind", info.kind());
      device.put("online", info.online());
      device.put("lastSeen", info.lastSeen());
      device.put("agentVersion", info.agentVersion());
      device.put("currentSessionId", info.currentSessionId());
      device.put("activeAlarms", active.getOrDefault(info.deviceId(), List.of()));
      devices.add(device);
    }
    return devices;
  }

  private Map<String, Object> deadLetters() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("count", views.deadLetters().count());
    summary.put("removedByRetention", views.deadLetters().removedByRetention());
    summary.put("byReason", views.deadLetters().byReason());
    summary.put("recent", views.deadLetters().recent());
    return summary;
  }

  private static OperatorAccount account(Context ctx) {
    return ctx.attribute(ACCOUNT);
  }

  private static OperatorAccount require(Context ctx, Role role) {
    OperatorAccount account = account(ctx);
    if (!account.role().includes(role)) {
      throw new ForbiddenResponse("this needs the " + role.wireName() + " role");
    }
    return account;
  }

  /** A page from the jar, in the gateway's default language ({@code <html lang>}). */
  private void page(Context ctx, String name) throws IOException {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream("/dashboard/pages/" + name)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND);
        return;
      }
      String html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      ctx.contentType("text/html; charset=utf-8")
          .result(html.replace("<html lang=\"en\">", "<html lang=\"" + views.language() + "\">"));
    }
  }

  private static String clean(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
