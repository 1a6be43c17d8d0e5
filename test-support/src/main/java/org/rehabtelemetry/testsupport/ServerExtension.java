package org.rehabtelemetry.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link ManagedServer} for a test and closes it afterwards.
 *
 * <p>Registered on a static field with {@code @RegisterExtension}, one server serves the whole
 * class; on an instance field, each test gets a fresh one. Either way the server is ready before
 * the first test method runs and is stopped, with its temp dir deleted, after the last.
 */
public class ServerExtension<S extends ManagedServer>
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Supplier<S> factory;
  private S server;
  private boolean perClass;

  protected ServerExtension(Supplier<S> factory) {
    this.factory = factory;
  }

  /** The running server; valid between the extension's before and after callbacks. */
  public S server() {
    if (server == null) {
      throw new IllegalStateException("the server is only available while a test runs");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      open();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close();
    }
  }

  private void open() {
    S created = factory.get();
    try {
      created.start();
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
    server = created;
  }

  private void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
