/**
 * The process and its service manager: readiness, the watchdog keep-alive driven by the {@link
 * org.rehabtelemetry.runtime.health.Liveness} view, and stopping, over systemd's notification
 * protocol. JNA appears in {@link org.rehabtelemetry.runtime.systemd.SdNotify} only.
 */
package org.rehabtelemetry.runtime.systemd;
