package org.rehabtelemetry.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.runtime.health.Liveness;

/**
 * The two endpoints for whoever runs the process, without a login (they carry no personal data):
 *
 * <pre>
 * GET /metrics   the registry in the Prometheus text format 0.0.4
 * GET /health    200 when every worker made progress within its limit, else 503; JSON either way:
 *                {"healthy": true, "workers": [{"name", "lastProgress", "silence", "maxSilence",
 *                "healthy"}, ...]}
 * </pre>
 */
public final class Operations {
  private Operations() {}

  /** Declares {@code /metrics} and {@code /health}. */
  public static void routes(JavalinConfig config, PrometheusRegistry registry, Liveness liveness) {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    config.routes.get(
        "/metrics",
        ctx -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
          writer.write(out, registry.scrape());
          ctx.contentType(writer.getContentType()).result(out.toByteArray());
        });
    config.routes.get(
        "/health",
        ctx -> {
          List<Liveness.WorkerState> workers = liveness.snapshot();
          boolean healthy = workers.stream().allMatch(Liveness.WorkerState::healthy);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("healthy", healthy);
          body.put("workers", workers);
          ctx.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
        });
  }

  /**
   * Registers {@code PREFIX_worker_seconds_since_progress{worker}}: the liveness view as a gauge,
   * what the systemd watchdog and {@code /health} also read.
   */
  public static void registerLiveness(
      PrometheusRegistry registry, String prefix, Liveness liveness) {
    io.prometheus.metrics.core.metrics.GaugeWithCallback.builder()
        .name(prefix + "_worker_seconds_since_progress")
        .help("Seconds since each worker thread last made progress.")
        .labelNames("worker")
        .callback(
            cb ->
                liveness
                    .snapshot()
                    .forEach(w -> cb.call(w.silence().toMillis() / 1000.0, w.name())))
        .register(registry);
  }
}
