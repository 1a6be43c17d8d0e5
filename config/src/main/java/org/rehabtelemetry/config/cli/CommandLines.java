package org.rehabtelemetry.config.cli;

import java.io.PrintWriter;
import org.rehabtelemetry.config.ConfigException;
import picocli.CommandLine;

/**
 * How every runnable's command line ends: usage errors exit 2 (picocli's own), a bad config exits 2
 * with the file, key and value, and any other failure exits 1 with its message instead of a stack
 * trace. Stateless.
 */
public final class CommandLines {
  private CommandLines() {}

  /** Runs {@code command} (a picocli {@code @Command} object) on {@code args}; the exit code. */
  public static int execute(Object command, String... args) {
    return of(command).execute(args);
  }

  /** The same with the output captured (tests). */
  public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
    return of(command).setOut(out).setErr(err).execute(args);
  }

  private static CommandLine of(Object command) {
    return new CommandLine(command).setExecutionExceptionHandler(CommandLines::failed);
  }

  private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    boolean config = e instanceof ConfigException;
    command.getErr().println((config ? "config error: " : "failed: ") + e.getMessage());
    return config ? 2 : 1;
  }
}
