package org.rehabtelemetry.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server process owned by a test: started on demand in its own temp dir, stoppable, killable and
 * restartable on the same ports and data, and removed with its dir on {@link #close()}.
 *
 * <p>Not thread-safe: the test thread drives it. Every method blocks until the process has reached
 * the state it names.
 */
public abstract class ManagedServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Path dir;
  private ChildProcess process;

  protected ManagedServer(String name) {
    this.name = name;
    this.dir = TempDirs.create("rt-" + name + "-");
  }

  /** The server's private directory (config, data, log). */
  public Path dir() {
    return dir;
  }

  /** The file that collects the server's stdout and stderr. */
  public Path logFile() {
    return dir.resolve(name + ".log");
  }

  /** Starts the server and blocks until it is ready. */
  public final void start() {
    List<String> command = prepare();
    process = new ChildProcess(name, command, logFile());
    process.start(this::isReady, START_TIMEOUT);
  }

  /** Stops the server gracefully (SIGTERM), as an operator's restart would. */
  public final void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /** Kills the server (SIGKILL), as a crash or a power cut would. */
  public final void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /** Stops gracefully and starts again on the same ports with the same data. */
  public final void restart() {
    stop();
    start();
  }

  /**
   * Sends SIGHUP, which makes Mosquitto reread its password file and ACL. Blocks until {@code kill}
   * returns, not until the server has reread them.
   */
  public final void reload() {
    if (process == null) {
      throw new IllegalStateException(name + " is not running");
    }
    try {
      Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
      if (!hup.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || hup.exitValue() != 0) {
        throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public final boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server and deletes its directory. */
  @Override
  public final void close() {
    stop();
    TempDirs.deleteRecursively(dir);
  }

  /** Writes config files if needed and returns the command line. Called before every start. */
  protected abstract List<String> prepare();

  /** Whether the started process accepts work. Polled every 20 ms; must not block long. */
  protected abstract boolean isReady();

  @Override
  public String toString() {
    return name + " in " + dir;
  }
}
