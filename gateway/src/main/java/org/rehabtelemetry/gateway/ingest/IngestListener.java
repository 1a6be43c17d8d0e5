package org.rehabtelemetry.gateway.ingest;

import org.rehabtelemetry.protocol.Message;

/** Hears every message once it is stored (for the registry, completeness and the dashboard). */
@FunctionalInterface
public interface IngestListener {
  /** Called on the ingest writer thread after the message's points are stored; must be quick. */
  void stored(String site, Message message);

  /** A listener that tells each of {@code listeners} in turn. */
  static IngestListener all(IngestListener... listeners) {
    return (site, message) -> {
      for (IngestListener listener : listeners) {
        listener.stored(site, message);
      }
    };
  }
}
