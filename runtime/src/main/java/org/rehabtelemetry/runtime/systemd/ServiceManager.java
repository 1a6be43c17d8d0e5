package org.rehabtelemetry.runtime.systemd;

/**
 * What a long-running process tells its service manager (systemd's notification protocol):
 * readiness, a watchdog keep-alive, a status line and that it is stopping. An implementation that
 * has no manager to talk to does nothing. Thread-safe.
 */
public interface ServiceManager {
  /** A manager that hears nothing: the process runs outside systemd (tests, a terminal). */
  ServiceManager NONE =
      new ServiceManager() {
        @Override
        public void notify(String state) {}

        @Override
        public boolean present() {
          return false;
        }
      };

  /**
   * Sends one notification, e.g. {@code READY=1} or {@code WATCHDOG=1}; newline-separated
   * assignments. Never throws: a lost notification is logged.
   */
  void notify(String state);

  /** Whether a manager listens ({@code NOTIFY_SOCKET} was set). */
  boolean present();

  /** The process is up: its workers run and it serves. */
  default void ready() {
    notify("READY=1");
  }

  /** The process is alive and making progress. */
  default void watchdog() {
    notify("WATCHDOG=1");
  }

  /** A line for {@code systemctl status}; newlines are replaced. */
  default void status(String text) {
    notify("STATUS=" + text.replace('\n', ' '));
  }

  /** The process is shutting down on purpose. */
  default void stopping() {
    notify("STOPPING=1");
  }
}
