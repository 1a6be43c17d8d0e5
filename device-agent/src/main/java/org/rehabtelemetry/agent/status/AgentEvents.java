package org.rehabtelemetry.agent.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the touch UI's streams (and a benchmark) that something changed: an alarm, the session, a
 * live value, a notice. Listeners must be quick and must not block; one that throws is logged and
 * skipped. Thread-safe.
 */
public final class AgentEvents {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEvents.class);
  private final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
  private volatile AgentStatus.Notice notice;

  public void addListener(Consumer<Object> listener) {
    listeners.add(listener);
  }

  public void fire(Object event) {
    for (Consumer<Object> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("event listener failed: {}", e.toString());
      }
    }
  }

  /** Shows {@code text} to the therapist (until the next notice) and tells the listeners. */
  public void notice(String text, long epochMillis) {
    notice = new AgentStatus.Notice(text, epochMillis);
    fire(notice);
  }

  /** The last notice, or null. */
  public AgentStatus.Notice lastNotice() {
    return notice;
  }
}
