package org.rehabtelemetry.gateway.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export}: downloads a record from a running gateway as an operator would, over its
 * dashboard API with an operator account: a session or a course as FHIR R4 JSON, or one of the PDF
 * reports. The password comes from a file (never from the command line, which other users of the
 * host can read), and crosses the network only inside HTTPS: plain {@code http://} is refused for
 * anything but a loopback address. Logs out when done, so the login session does not outlive the
 * download. Writes the file atomically. Exit codes: 0 written, 1 the gateway refused or cannot be
 * reached (its answer is printed), 2 bad usage.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Download a record from a running gateway: FHIR R4 JSON or a PDF report.",
      "  gateway export --url http://127.0.0.1:8080 --user op1 --password-file pw \\",
      "      --patient P-0042 --course 2 --format fhir --out course.json",
      "Plain http:// only to a loopback address; anything else over https://."
    })
final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      required = true,
      description = "the gateway's dashboard, e.g. http://127.0.0.1:8080")
  String url;

  @Option(names = "--user", required = true, description = "an operator account")
  String user;

  @Option(names = "--password-file", required = true, description = "a file holding its password")
  Path passwordFile;

  @Option(names = "--patient", description = "the patient code (a course, or with --course)")
  String patient;

  @Option(names = "--course", description = "the course number (1 = the child's first)")
  Integer course;

  @Option(names = "--session", description = "a session id (instead of --patient/--course)")
  String session;

  @Option(names = "--device", description = "the device that ran --session")
  String device;

  @Option(
      names = "--format",
      defaultValue = "fhir",
      description = "fhir (default), pdf (the report), parent (the parent summary)")
  String format;

  @Option(names = "--lang", description = "ru, kk or en (default: the account's language)")
  String language;

  @Option(names = "--out", required = true, description = "the file to write")
  Path out;

  @Override
  public Integer call() throws Exception {
    String path = path();
    if (path == null) {
      System.err.println(
          "give --device D with --session S, or --patient P with --course N; --format is fhir,"
              + " pdf or parent (parent needs a course)");
      return 2;
    }
    URI gateway;
    try {
      gateway = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      System.err.println("--url is not a URL: " + e.getMessage());
      return 2;
    }
    String refusal = refusal(gateway);
    if (refusal != null) {
      System.err.println(refusal);
      return 2;
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base = gateway.toString();
    String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    String cookie;
    try {
      HttpResponse<Void> login =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=" + encode(user) + "&password=" + encode(password)))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      cookie =
          login.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("rt_session=") && !c.startsWith("rt_session=;"))
              .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
              .findFirst()
              .orElse(null);
    } catch (IOException e) {
      System.err.println("cannot reach " + base + ": " + e.getMessage());
      return 1;
    }
    if (cookie == null) {
      System.err.println("login refused for " + user + " at " + base);
      return 1;
    }
    try {
      return download(http, base + path, cookie);
    } finally {
      logout(http, base, cookie);
    }
  }

  private int download(HttpClient http, String address, String cookie)
      throws IOException, InterruptedException {
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    Files.deleteIfExists(partial); // a stale one from a failed run must not mix into this one
    HttpResponse<Path> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(address))
                  .timeout(Duration.ofMinutes(2))
                  .header("Cookie", cookie)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofFile(partial));
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      System.err.println("download from " + url + " failed: " + e.getMessage());
      return 1;
    }
    if (response.statusCode() != 200) {
      String answer = Files.readString(partial, StandardCharsets.UTF_8);
      Files.deleteIfExists(partial);
      System.err.println("the gateway answered " + response.statusCode() + ": " + answer);
      return 1;
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    return 0;
  }

  /** Ends the login session; a failure only costs the session its idle timeout. */
  private static void logout(HttpClient http, String base, String cookie) {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/logout"))
              .timeout(Duration.ofSeconds(10))
              .header("Cookie", cookie)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      System.err.println("could not log out (the session ends when idle): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Why the password must not go to this address, or null: only https, or http to a loopback
   * address (where it never crosses a network).
   */
  static String refusal(URI gateway) {
    String scheme = gateway.getScheme() == null ? "" : gateway.getScheme().toLowerCase(Locale.ROOT);
    String host = gateway.getHost();
    if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return "--url must be http://HOST:PORT or https://HOST:PORT, got " + gateway;
    }
    if (scheme.equals("https") || isLoopback(host)) {
      return null;
    }
    return "refusing to send the password in clear over "
        + gateway
        + ": use https:// (the dashboard behind its reverse proxy), or run the export on the"
        + " gateway's host against http://127.0.0.1";
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name: it could resolve anywhere, so it is not trusted as loopback
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The API path, or null for a combination that names nothing. */
  private String path() {
    String lang = language == null ? "" : "&lang=" + encode(language);
    boolean aSession = session != null && device != null && patient == null && course == null;
    String sessionQuery =
        aSession ? "?device=" + encode(device) + "&session=" + encode(session) + lang : null;
    if (aSession && format.equals("fhir")) {
      return "/api/records/session.fhir.json" + sessionQuery;
    }
    if (aSession && format.equals("pdf")) {
      return "/api/records/session.pdf" + sessionQuery;
    }
    if (session == null && device == null && patient != null && course != null) {
      String query = "?patient=" + encode(patient) + "&course=" + course + lang;
      return switch (format) {
        case "fhir" -> "/api/records/course.fhir.json" + query;
        case "pdf" -> "/api/records/course.pdf" + query;
        case "parent" -> "/api/records/parent.pdf" + query;
        default -> null;
      };
    }
    return null;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
