package org.rehabtelemetry.simulator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceFormat;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simulator traces list | write NAME FILE | write-all DIR}: the trace library. */
@Command(
    name = "traces",
    mixinStandardHelpOptions = true,
    description = "The trace library (a FILE ending .gz is gzipped).",
    subcommands = {
      TracesCommand.ListTraces.class,
      TracesCommand.Write.class,
      TracesCommand.WriteAll.class
    })
final class TracesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "traces needs list, write or write-all");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the library.")
  static final class ListTraces implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (TraceLibrary.Entry entry : TraceLibrary.entries()) {
        out.printf(
            "%-28s %-16s seed %-5d %5.0f s  %s%n",
            entry.name(),
            entry.kind().wireName(),
            entry.seed(),
            entry.defaultDurationS(),
            entry.description());
      }
      return 0;
    }
  }

  @Command(name = "write", mixinStandardHelpOptions = true, description = "Writes one trace.")
  static final class Write implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "the library trace's name")
    String name;

    @Parameters(index = "1", description = "the file to write")
    Path file;

    @Option(names = "--seconds", description = "its length (default: the trace's own)")
    Double seconds;

    @Override
    public Integer call() throws Exception {
      TraceLibrary.Entry entry =
          TraceLibrary.find(name)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(),
                          "no library trace " + name + " (see: simulator traces list)"));
      Trace trace = entry.generate(seconds == null ? entry.defaultDurationS() : seconds);
      TraceFormat.write(trace, file);
      spec.commandLine().getOut().println(file + ": " + trace.sampleCount() + " samples");
      return 0;
    }
  }

  @Command(
      name = "write-all",
      mixinStandardHelpOptions = true,
      description = "Writes every library trace into DIR as NAME.trace.gz.")
  static final class WriteAll implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "the directory")
    Path dir;

    @Option(names = "--seconds", description = "their length (default: each trace's own)")
    Double seconds;

    @Override
    public Integer call() throws Exception {
      Files.createDirectories(dir);
      for (TraceLibrary.Entry entry : TraceLibrary.entries()) {
        Trace trace = entry.generate(seconds == null ? entry.defaultDurationS() : seconds);
        Path file = dir.resolve(entry.name() + ".trace.gz");
        TraceFormat.write(trace, file);
        spec.commandLine().getOut().println(file + ": " + trace.sampleCount() + " samples");
      }
      return 0;
    }
  }
}
