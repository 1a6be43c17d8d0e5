package org.rehabtelemetry.hardware.trace;

/** A trace file that cannot be read: the message names the file, the line and the problem. */
public final class TraceFormatException extends RuntimeException {
  public TraceFormatException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
  }
}
