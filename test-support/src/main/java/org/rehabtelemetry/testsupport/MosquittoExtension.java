package org.rehabtelemetry.testsupport;

import java.util.List;

/** Runs a private {@link MosquittoServer} for a test class or method. */
public final class MosquittoExtension extends ServerExtension<MosquittoServer> {
  public MosquittoExtension() {
    super(MosquittoServer::new);
  }

  /** With extra mosquitto.conf lines, e.g. {@code max_queued_messages 100000}. */
  public MosquittoExtension(String... extraConfig) {
    super(() -> new MosquittoServer(List.of(extraConfig)));
  }
}
