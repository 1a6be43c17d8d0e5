package org.rehabtelemetry.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two connected pseudo-terminals made by socat: bytes written to one end can be read at the other,
 * as over a null-modem cable. The ends appear as symlinks {@link #deviceEnd()} (open it as the
 * device's serial port, e.g. with jssc) and {@link #peerEnd()} (the simulated sensor writes here).
 *
 * <p>Both ends are raw with echo off. {@link #stop()} or {@link #kill()} removes the ptys, as
 * unplugging a USB serial adapter does; {@link #start()} makes them again at the same paths.
 */
public final class SocatPtyPair extends ManagedServer {
  private final Path deviceEnd;
  private final Path peerEnd;

  public SocatPtyPair() {
    super("socat");
    this.deviceEnd = dir().resolve("ttyDevice");
    this.peerEnd = dir().resolve("ttyPeer");
  }

  /** The end the code under test opens as its serial port. */
  public Path deviceEnd() {
    return deviceEnd;
  }

  /** The end the test or the simulator writes sensor bytes to and reads commands from. */
  public Path peerEnd() {
    return peerEnd;
  }

  @Override
  protected List<String> prepare() {
    Path binary = Binaries.require("socat", "socat");
    return List.of(
        binary.toString(),
        "-d",
        "pty,raw,echo=0,link=" + deviceEnd,
        "pty,raw,echo=0,link=" + peerEnd);
  }

  @Override
  protected boolean isReady() {
    return Files.exists(deviceEnd) && Files.exists(peerEnd);
  }
}
