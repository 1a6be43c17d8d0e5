package org.rehabtelemetry.agent.ui;

/**
 * What changed since a stream last sent the status: urgent changes (an alarm, the e-stop, the
 * session, a sensor's health, a notice) wake the streams at once; readings only mark the live
 * values as changed, which the streams pick up at their next beat. So an alarm reaches the screen
 * without waiting, while a reading costs no wake-up. Thread-safe.
 */
final class StatusEvents {
  private final Object lock = new Object();
  private long urgent;
  private final java.util.concurrent.atomic.AtomicLong readings =
      new java.util.concurrent.atomic.AtomicLong();

  /** Something the therapist must see now changed. */
  void signal() {
    synchronized (lock) {
      urgent++;
      lock.notifyAll();
    }
  }

  /** A live value changed. */
  void touch() {
    readings.incrementAndGet();
  }

  /** The urgent changes so far. */
  long urgent() {
    synchronized (lock) {
      return urgent;
    }
  }

  /** The reading changes so far. */
  long readings() {
    return readings.get();
  }

  /**
   * Waits until an urgent change after {@code seen}, or the timeout; returns whether one came.
   *
   * @param timeoutMillis the longest wait in milliseconds
   */
  boolean awaitUrgent(long seen, long timeoutMillis) throws InterruptedException {
    synchronized (lock) {
      long deadline = System.currentTimeMillis() + timeoutMillis;
      while (urgent == seen) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        lock.wait(left);
      }
      return true;
    }
  }
}
