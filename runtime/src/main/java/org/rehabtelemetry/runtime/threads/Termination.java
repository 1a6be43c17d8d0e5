package org.rehabtelemetry.runtime.threads;

import java.util.concurrent.CountDownLatch;

/**
 * How a service's main thread ends: it waits until the process is asked to stop (SIGTERM from
 * systemd, Ctrl-C), while a shutdown hook stops the service in order; then the main thread returns.
 * Thread-safe.
 */
public final class Termination {
  private Termination() {}

  /**
   * Registers {@code stop} as the shutdown hook {@code name} and blocks until it has run.
   *
   * @param stop stops the service; runs once, on the hook's thread
   */
  public static void await(String name, Runnable stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stop.run();
                  } finally {
                    stopped.countDown();
                  }
                },
                name));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops a worker thread: interrupts it and waits up to {@code millis} for it to end. */
  public static void join(Thread thread, long millis) {
    thread.interrupt();
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
