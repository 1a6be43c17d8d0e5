package org.rehabtelemetry.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent event streams with bounded slots, each run by its own thread from a pool of exactly
 * {@code max} threads named {@code NAME-stream-N}, never by a request worker: Javalin parks the
 * request asynchronously, and the stream's body writes events until the client goes away or the
 * server stops. A client past {@code max} streams is answered 503. A stalled client blocks only its
 * own stream thread, until the connection's idle timeout closes it. Thread-safe.
 */
public final class Streams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

  /** What a stream does; runs on a stream thread until the client is gone or it is interrupted. */
  @FunctionalInterface
  public interface Body {
    void run(SseClient client) throws Exception;
  }

  private final String name;
  private final int max;
  private final Semaphore slots;
  private final ExecutorService threads;
  private final List<String> paths = new ArrayList<>();

  Streams(String name, int max) {
    this.name = name;
    this.max = max;
    this.slots = new Semaphore(max);
    this.threads =
        new ThreadPoolExecutor(
            0,
            Math.max(1, max),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            FailFast.threads(name + "-stream", true));
  }

  /**
   * Declares a stream at {@code path}. Before-handlers declared earlier (a login check) run first.
   */
  public void route(JavalinConfig config, String path, Body body) {
    paths.add(path);
    config.routes.before(
        path,
        ctx -> {
          String accept = ctx.header(Header.ACCEPT);
          if (accept == null || !accept.contains("text/event-stream")) {
            ctx.status(HttpStatus.NOT_ACCEPTABLE).skipRemainingHandlers();
            ctx.json(
                java.util.Map.of("error", "this is an event stream: Accept text/event-stream"));
            return;
          }
          if (!slots.tryAcquire()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).skipRemainingHandlers();
            ctx.json(java.util.Map.of("error", "too many live streams; try again later"));
          }
        });
    config.routes.sse(path, client -> start(client, body));
  }

  private void start(SseClient client, Body body) {
    client.keepAlive();
    try {
      threads.execute(() -> run(client, body));
    } catch (RejectedExecutionException e) {
      slots.release();
      client.close();
    }
  }

  private void run(SseClient client, Body body) {
    try {
      body.run(client);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("{}: a stream ended: {}", name, e.toString());
    } finally {
      slots.release();
      client.close();
    }
  }

  /** Streams hold no QoS permit: they are long and run off the workers. */
  void exempt(QoSHandler qos) {
    paths.forEach(qos::excludePath);
  }

  /** Streams open now. */
  public int open() {
    return max - slots.availablePermits();
  }

  @Override
  public void close() {
    threads.shutdownNow();
    // Wait for the streams to end before the server stops: a stream that writes to a response
    // Jetty has already recycled makes Javalin 7.2.3 loop on its error handling on that thread for
    // ever (seen as millions of "Response does not exist" log lines in a loaded test run).
    try {
      if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("{}: a stream did not end within 2 s of the stop", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
