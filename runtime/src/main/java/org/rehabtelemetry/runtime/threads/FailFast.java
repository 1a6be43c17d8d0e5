package org.rehabtelemetry.runtime.threads;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker thread that dies must end the process, never leave it running without that worker (a
 * zombie that still answers HTTP but stores nothing, which no service manager would restart).
 * Whatever was not acknowledged is redelivered to the restarted process, so ending is the safe
 * choice.
 *
 * <p>{@link #install} sets a default uncaught-exception handler that logs the thread, the exception
 * and its stack, then exits with {@link #EXIT_CODE} (70, EX_SOFTWARE). The exit runs the shutdown
 * hooks on a separate thread; if they have not finished after 10 s the process halts. The thread
 * factories here make named threads whose uncaught exceptions reach that handler, and scheduled
 * executors whose failed tasks do too (a {@code ScheduledExecutorService} otherwise swallows a
 * task's exception and silently stops rescheduling it).
 *
 * <p>Thread-safe.
 */
public final class FailFast {
  /** The exit status after a worker died: EX_SOFTWARE from sysexits.h. */
  public static final int EXIT_CODE = 70;

  private static final Logger LOG = LoggerFactory.getLogger(FailFast.class);
  private static final AtomicInteger EXITS = new AtomicInteger();
  private static volatile Exiter exiter = FailFast::exitThenHalt;

  private FailFast() {}

  /** How the process ends; tests replace it to observe instead of exiting. */
  @FunctionalInterface
  public interface Exiter {
    void exit(int status);
  }

  /** Installs the handler for every thread without its own. Idempotent. */
  public static void install() {
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> died(thread.getName(), error));
  }

  /** Replaces how the process ends (for tests); returns the previous one. */
  public static Exiter exiter(Exiter replacement) {
    Exiter previous = exiter;
    exiter = replacement;
    EXITS.set(0);
    return previous;
  }

  /** Logs that {@code worker} died of {@code error} and ends the process. */
  public static void died(String worker, Throwable error) {
    LOG.error(
        "worker thread '{}' died of {}; ending the process (exit {}) so that the service manager"
            + " restarts it: unacknowledged data is redelivered",
        worker,
        error,
        EXIT_CODE,
        error);
    if (EXITS.getAndIncrement() == 0) {
      exiter.exit(EXIT_CODE);
    }
  }

  /** A factory of daemon threads named {@code name} (or {@code name-N} when {@code numbered}). */
  public static ThreadFactory threads(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, numbered ? name + "-" + count.incrementAndGet() : name);
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler((t, e) -> died(t.getName(), e));
      return thread;
    };
  }

  /** Starts a named daemon thread whose death ends the process. */
  public static Thread start(String name, Runnable body) {
    Thread thread = threads(name, false).newThread(body);
    thread.start();
    return thread;
  }

  /**
   * A single-threaded scheduler named {@code name}: a task that throws ends the process (the
   * exception is not swallowed by the executor's future).
   */
  public static ScheduledExecutorService scheduler(String name) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, threads(name, false)) {
          @Override
          protected void afterExecute(Runnable task, Throwable thrown) {
            super.afterExecute(task, thrown);
            Throwable failure = thrown != null ? thrown : failureOf(task);
            if (failure != null) {
              died(name, failure);
            }
          }
        };
    executor.setRemoveOnCancelPolicy(true);
    return Executors.unconfigurableScheduledExecutorService(executor);
  }

  private static Throwable failureOf(Runnable task) {
    if (task instanceof java.util.concurrent.Future<?> future && future.isDone()) {
      try {
        if (!future.isCancelled()) {
          future.get();
        }
      } catch (java.util.concurrent.ExecutionException e) {
        return e.getCause();
      } catch (InterruptedException | java.util.concurrent.CancellationException e) {
        return null;
      }
    }
    return null;
  }

  private static void exitThenHalt(int status) {
    Thread exit = new Thread(() -> System.exit(status), "fail-fast-exit");
    exit.setDaemon(true);
    exit.start();
    try {
      exit.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(status);
  }
}
