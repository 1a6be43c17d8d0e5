package org.rehabtelemetry.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.rehabtelemetry.runtime.threads.FailFast;

/**
 * The checks every request passes before any route sees it, and the headers every answer carries.
 *
 * <ul>
 *   <li><b>Host.</b> With allowed host names configured, a request naming another host is refused
 *       (421): a web page that rebinds its own name to this address (DNS rebinding) can then read
 *       and command nothing.
 *   <li><b>Cross-site writes.</b> A POST, PUT or DELETE whose {@code Origin} is not this server
 *       (scheme, host and port of the request), or whose {@code Sec-Fetch-Site} is {@code
 *       cross-site}, is refused (403). With {@code jsonOnlyWrites}, such a request must also be
 *       {@code application/json}, which a cross-site form or no-cors fetch cannot send (415).
 *   <li><b>Headers.</b> A strict Content-Security-Policy, no sniffing, no framing, no caching, and
 *       a referrer kept on this origin.
 * </ul>
 *
 * A Jetty handler, so it covers routes, static files and streams alike. Thread-safe.
 */
final class RequestGuard extends Handler.Wrapper {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; media-src 'self' data:; frame-ancestors 'none';"
          + " form-action 'self'; base-uri 'none'";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");

  private final Set<String> allowedHosts;
  private final boolean jsonOnlyWrites;

  RequestGuard(Set<String> allowedHosts, boolean jsonOnlyWrites) {
    this.allowedHosts = Set.copyOf(allowedHosts.stream().map(RequestGuard::lower).toList());
    this.jsonOnlyWrites = jsonOnlyWrites;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var headers = response.getHeaders();
    headers.put("Content-Security-Policy", CSP);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    // Not no-referrer: with it, browsers send "Origin: null" on form posts, which are refused.
    headers.put("Referrer-Policy", "same-origin");
    headers.put("Cache-Control", "no-store");
    String host = Request.getServerName(request);
    if (!allowedHosts.isEmpty() && !allowedHosts.contains(lower(host))) {
      return refuse(response, callback, 421, "this server does not answer for host " + host);
    }
    if (WRITES.contains(request.getMethod())) {
      String problem = crossSite(request);
      if (problem != null) {
        return refuse(response, callback, 403, problem);
      }
      if (jsonOnlyWrites && !isJson(request)) {
        return refuse(response, callback, 415, "send the body as application/json");
      }
    }
    try {
      return super.handle(request, response, callback);
    } catch (Error e) {
      // Jetty would log an Error and carry on with a worker in an unknown state: end the process
      // instead, as every other worker does, so that the service manager restarts it.
      FailFast.died(Thread.currentThread().getName(), e);
      throw e;
    }
  }

  private static String crossSite(Request request) {
    HttpField fetchSite = request.getHeaders().getField("Sec-Fetch-Site");
    if (fetchSite != null && fetchSite.getValue().equalsIgnoreCase("cross-site")) {
      return "refused: a request from another site";
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null) {
      return null; // not a browser's cross-origin request (curl, the CLI, a same-origin GET form)
    }
    try {
      URI uri = URI.create(origin);
      int originPort = uri.getPort() < 0 ? defaultPort(uri.getScheme()) : uri.getPort();
      boolean same =
          uri.getHost() != null
              && lower(uri.getHost()).equals(lower(Request.getServerName(request)))
              && originPort == Request.getServerPort(request);
      return same ? null : "refused: a request from another origin (" + shorten(origin) + ")";
    } catch (IllegalArgumentException e) {
      return "refused: a request from an unreadable origin";
    }
  }

  private static boolean isJson(Request request) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    return type != null && lower(type).startsWith("application/json");
  }

  private static boolean refuse(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    String body = "{\"error\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private static String shorten(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'");
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
