package org.rehabtelemetry.gateway.storage;

import java.io.IOException;

/**
 * Where the gateway stores points: one implementation per backend, each in its own folder with its
 * sink and its sequence query ({@code influxv1}, {@code influxv2}, {@code questdb}). A new backend
 * is a new folder with a class implementing this; the config loader names its {@code kind}.
 */
public interface StoreSettings {
  /** The {@code storage.kind} as written in the config. */
  String kind();

  /**
   * Opens the store: its sink, its sequence query and whatever runs inside the gateway for it.
   *
   * @throws IOException if it cannot be opened (the embedded store cannot start)
   */
  OpenStore open() throws IOException;
}
