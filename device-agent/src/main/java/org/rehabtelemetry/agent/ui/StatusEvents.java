package org.rehabtelemetry.agent.ui;

/**
 * A change counter the event stream waits on: the agent signals every change; each stream client
 * wakes, and sends the status if it changed. Thread-safe.
 */
final class StatusEvents {
  private final Object lock = new Object();
  private long version;

  void signal() {
    synchronized (lock) {
      version++;
      lock.notifyAll();
    }
  }

  /** Waits until the version differs from {@code seen} or the timeout passes; returns it. */
  long await(long seen, long timeoutMillis) throws InterruptedException {
    synchronized (lock) {
      long deadline = System.currentTimeMillis() + timeoutMillis;
      while (version == seen) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        lock.wait(left);
      }
      return version;
    }
  }
}
