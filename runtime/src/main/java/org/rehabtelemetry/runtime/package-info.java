/**
 * What every long-running process of rehab-telemetry needs, written once: {@link
 * org.rehabtelemetry.runtime.retry.Backoff} (capped exponential backoff with jitter), {@link
 * org.rehabtelemetry.runtime.threads.FailFast} (a worker that dies ends the process instead of
 * leaving a zombie), {@link org.rehabtelemetry.runtime.health.Liveness} (when each worker last made
 * progress), {@link org.rehabtelemetry.runtime.files.DurableFiles} (temp file, fsync, rename,
 * directory fsync) and {@link org.rehabtelemetry.runtime.files.DirectoryLock} (one process per
 * state directory).
 */
package org.rehabtelemetry.runtime;
