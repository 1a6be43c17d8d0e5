package org.rehabtelemetry.hardware.trace;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * Reads and writes the trace text format of {@code docs/traces.md}: {@code #} header lines, a
 * column line, then one row per sample ({@code tUs,channel,value}) or event ({@code
 * tUs,@name,arg}). A file whose name ends in {@code .gz} is gzipped. Reading is strict: the first
 * problem stops it with the file, the line and what was wrong. Stateless and thread-safe.
 */
public final class TraceFormat {
  static final String MAGIC = "# rehab-telemetry trace 1";
  static final String COLUMNS = "tUs,target,value";

  private TraceFormat() {}

  public static void write(Trace trace, Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (file.toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    try (Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      write(trace, writer);
    }
  }

  /** Writes the trace; samples and events merged in time order, events first at equal times. */
  public static void write(Trace trace, Writer out) throws IOException {
    TraceHeader header = trace.header();
    out.write(MAGIC + "\n");
    out.write("# name: " + header.name() + "\n");
    out.write("# kind: " + header.kind().wireName() + "\n");
    out.write("# source: " + header.source() + "\n");
    if (header.seed() != null) {
      out.write("# seed: " + header.seed() + "\n");
    }
    out.write("# durationUs: " + header.durationUs() + "\n");
    for (TraceChannel channel : header.channels()) {
      out.write(
          "# channel: "
              + channel.name()
              + " "
              + channel.unit()
              + " "
              + number(channel.rateHz())
              + "\n");
    }
    out.write(COLUMNS + "\n");
    List<TraceEvent> events = trace.events();
    int e = 0;
    StringBuilder line = new StringBuilder(48);
    for (int i = 0; i < trace.sampleCount(); i++) {
      while (e < events.size() && events.get(e).timeUs() <= trace.timeUs(i)) {
        writeEvent(events.get(e++), out);
      }
      line.setLength(0);
      line.append(trace.timeUs(i))
          .append(',')
          .append(header.channels().get(trace.channel(i)).name())
          .append(',')
          .append(number(trace.value(i)))
          .append('\n');
      out.append(line);
    }
    while (e < events.size()) {
      writeEvent(events.get(e++), out);
    }
  }

  public static Trace read(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      return read(file.toString(), reader);
    }
  }

  /**
   * Reads a trace.
   *
   * @throws TraceFormatException naming the source, line and problem
   */
  public static Trace read(String source, BufferedReader in) throws IOException {
    int lineNumber = 1;
    String line = in.readLine();
    if (!MAGIC.equals(line)) {
      throw new TraceFormatException(source, 1, "must start with \"" + MAGIC + "\"");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Integer> fieldLines = new LinkedHashMap<>();
    List<TraceChannel> channels = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (!line.startsWith("#")) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue; // a comment
      }
      String key = line.substring(1, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("channel")) {
        String[] parts = value.split(" ", -1); // trimmed: no trailing empty part
        if (parts.length != 3) {
          throw new TraceFormatException(
              source, lineNumber, "channel must be \"NAME UNIT RATE_HZ\", was \"" + value + "\"");
        }
        channels.add(new TraceChannel(parts[0], parts[1], positive(source, lineNumber, parts[2])));
      } else if (List.of("name", "kind", "source", "seed", "durationUs").contains(key)) {
        fields.put(key, value);
        fieldLines.put(key, lineNumber);
      } else {
        throw new TraceFormatException(source, lineNumber, "unknown header key \"" + key + "\"");
      }
    }
    if (!COLUMNS.equals(line)) {
      throw new TraceFormatException(
          source, lineNumber, "expected the column line \"" + COLUMNS + "\", was \"" + line + "\"");
    }
    for (String required : List.of("name", "kind", "source", "durationUs")) {
      if (!fields.containsKey(required)) {
        throw new TraceFormatException(source, lineNumber, "the header has no " + required);
      }
    }
    DeviceKind kind;
    try {
      kind = DeviceKind.parse("kind", fields.get("kind"));
    } catch (ProtocolException e) {
      throw new TraceFormatException(
          source,
          fieldLines.get("kind"),
          "kind must be a device kind (a-z, then up to 31 of a-z 0-9 '-'), was \""
              + cut(fields.get("kind"))
              + "\"");
    }
    TraceHeader header =
        new TraceHeader(
            fields.get("name"),
            kind,
            fields.get("source"),
            fields.containsKey("seed")
                ? (Long) integer(source, fieldLines.get("seed"), fields.get("seed"))
                : null,
            integer(source, fieldLines.get("durationUs"), fields.get("durationUs")),
            channels);
    Trace.Builder builder = new Trace.Builder(header);
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      int first = line.indexOf(',');
      int second = first < 0 ? -1 : line.indexOf(',', first + 1);
      if (second < 0) {
        throw new TraceFormatException(
            source, lineNumber, "a row must be \"tUs,target,value\", was \"" + cut(line) + "\"");
      }
      long time = integer(source, lineNumber, line.substring(0, first));
      String target = line.substring(first + 1, second);
      String value = line.substring(second + 1);
      try {
        if (target.startsWith("@")) {
          builder.event(time, target.substring(1), value);
        } else {
          int channel = header.indexOf(target);
          if (channel < 0) {
            throw new IllegalArgumentException("no channel \"" + target + "\" in the header");
          }
          builder.sample(time, channel, Double.parseDouble(value));
        }
      } catch (IllegalArgumentException e) {
        throw new TraceFormatException(source, lineNumber, e.getMessage());
      }
    }
    return builder.build();
  }

  private static void writeEvent(TraceEvent event, Writer out) throws IOException {
    out.write(event.timeUs() + ",@" + event.name() + "," + event.arg() + "\n");
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static long integer(String source, int line, String text) {
    try {
      long value = Long.parseLong(text.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new TraceFormatException(
          source, line, "expected a whole number >= 0, was \"" + cut(text) + "\"");
    }
  }

  private static double positive(String source, int line, String text) {
    try {
      double value = Double.parseDouble(text);
      if (!(value > 0) || !Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new TraceFormatException(
          source, line, "expected a rate > 0 in Hz, was \"" + cut(text) + "\"");
    }
  }

  private static String cut(String text) {
    String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
