package org.rehabtelemetry.simulator.replay;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.rehabtelemetry.testsupport.SocatPtyPair;

/**
 * A serial port played on a socat pseudo-terminal pair: the agent opens {@link #devicePort()} with
 * jssc, the simulator writes to the other end. Unplugging stops socat, which removes both ends.
 */
public final class PtySerialFeed implements SerialFeed {
  private final String name;
  private final SocatPtyPair pair = new SocatPtyPair();
  private OutputStream out;

  /** Starts socat (needs the {@code socat} package). */
  public PtySerialFeed(String name) throws IOException {
    this.name = name;
    pair.start();
    out = new FileOutputStream(pair.peerEnd().toFile());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String devicePort() {
    return pair.deviceEnd().toString();
  }

  @Override
  public synchronized void write(byte[] bytes) throws IOException {
    if (out == null) {
      throw new IOException(name + " is unplugged");
    }
    out.write(bytes);
    out.flush();
  }

  @Override
  public synchronized void unplug() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
    pair.stop();
  }

  @Override
  public synchronized void replug() throws IOException {
    pair.start();
    out = new FileOutputStream(pair.peerEnd().toFile());
  }

  @Override
  public synchronized void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    pair.close();
  }
}
