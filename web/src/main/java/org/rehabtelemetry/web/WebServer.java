package org.rehabtelemetry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server on Javalin 7 (Jetty 12), hardened once for every web surface of the project: the
 * gateway's dashboard and API, and the agent's touch UI and control API.
 *
 * <ul>
 *   <li><b>Bounded work.</b> At most {@link WebSettings#workers} request threads. At most {@link
 *       WebSettings#maxConcurrent} requests are handled at once; up to {@link
 *       WebSettings#maxWaiting} more wait for {@link WebSettings#maxWait} without holding a thread,
 *       and any other request is answered 503 at once (Jetty's QoS handler). A flood cannot queue
 *       without bound, and a refused request is answered, never left hanging.
 *   <li><b>Read timeout.</b> A connection idle for {@link WebSettings#idleTimeout} (a client that
 *       stops sending half-way) is closed.
 *   <li><b>Bounded bodies.</b> A body above {@link WebSettings#maxBodyBytes} is answered 413; a
 *       body that is not valid JSON where JSON is read, 400.
 *   <li><b>Streams off the workers.</b> Server-sent event streams ({@link Streams}) run on their
 *       own bounded threads and are exempt from the QoS permits, so live views never occupy the
 *       workers that serve commands.
 *   <li><b>Every request checked, every answer headed</b> by {@link RequestGuard}: Host, cross-site
 *       writes, CSP and the other security headers.
 * </ul>
 *
 * {@link #start} blocks until the port is bound (about 0.3 s, plus class loading the first time).
 * Thread-safe; {@link #close()} once.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /** Jetty's padding hint: references per 64-byte cache line. */
  static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  static {
    // Without it, Jetty's MemoryUtils asks the platform MBean server whether compressed oops are
    // on, which loads about 250 JMX classes and builds every platform MBean for a padding hint:
    // about 2 MiB of the device agent's RSS (scripts/bench-agent, docs/device-agent.md). 16 is
    // the answer with compressed oops, i.e. for every heap below 32 GB; a wrong value only pads
    // differently. Set only if absent, before any Jetty class loads.
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
    }
  }

  private final Javalin app;
  private final Streams streams;
  private final String bind;

  private WebServer(Javalin app, Streams streams, String bind) {
    this.app = app;
    this.streams = streams;
    this.bind = bind;
  }

  /**
   * Starts a server.
   *
   * @param routes declares the routes on Javalin's config; {@link Streams#route} declares streams
   * @throws RuntimeException (Javalin's) if the port cannot be bound
   */
  public static WebServer start(WebSettings settings, ObjectMapper json, Consumer<Setup> routes) {
    Streams streams = new Streams(settings.name(), settings.maxStreams());
    Javalin app =
        Javalin.create(
            config -> {
              configure(config, settings, json, streams);
              routes.accept(new Setup(config, streams));
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      streams.close();
      throw e;
    }
    LOG.info("{} serving http://{}:{}", settings.name(), settings.bind(), app.port());
    return new WebServer(app, streams, settings.bind());
  }

  /** What {@code routes} gets: Javalin's config and the bounded streams. */
  public record Setup(JavalinConfig config, Streams streams) {}

  /** The port actually bound. */
  public int port() {
    return app.port();
  }

  /** host:port actually bound. */
  public String address() {
    return bind + ":" + port();
  }

  /** Stops accepting, ends the streams, stops the workers. Blocks briefly (tens of ms). */
  @Override
  public void close() {
    streams.close();
    app.stop();
  }

  private static void configure(
      JavalinConfig config, WebSettings settings, ObjectMapper json, Streams streams) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.jsonMapper(new JavalinJackson(json, false));
    QueuedThreadPool pool = new QueuedThreadPool(settings.workers(), 2, 60_000);
    pool.setName(settings.name());
    pool.setDaemon(true);
    config.jetty.threadPool = pool;
    config.jetty.addConnector(
        (server, http) -> {
          ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
          connector.setHost(settings.bind());
          connector.setPort(settings.port());
          connector.setIdleTimeout(settings.idleTimeout().toMillis());
          return connector;
        });
    config.jetty.modifyServer(
        server -> {
          server.setStopTimeout(0);
          QoSHandler qos = new QoSHandler();
          qos.setMaxRequestCount(settings.maxConcurrent());
          qos.setMaxSuspendedRequestCount(settings.maxWaiting());
          qos.setMaxSuspend(settings.maxWait());
          qos.setRejectStatusCode(HttpStatus.SERVICE_UNAVAILABLE.getCode());
          streams.exempt(qos);
          server.insertHandler(qos);
          server.insertHandler(
              new RequestGuard(settings.allowedHosts(), settings.jsonOnlyWrites()));
        });
    // An Error in a handler (out of stack, a linkage error) leaves a worker in an unknown state:
    // end the process as every other worker does, so that the service manager restarts it.
    config.router.javaLangErrorHandler(
        (response, error) -> {
          response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
          FailFast.died(Thread.currentThread().getName(), error);
        });
    config.routes.exception(
        JsonProcessingException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.BAD_REQUEST)
                .json(Map.of("error", "the request body is not valid JSON")));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} {} failed", settings.name(), ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
        });
  }
}
