package org.rehabtelemetry.gateway.ingest;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The arrivals between the broker's delivery thread and the ingest writer, bounded by weight
 * ({@link Arrival#weight()}) rather than count: 500 maximum-size batches weigh 500 MB, and the
 * queue holds as many as fit in {@code maxWeight}, however large each is. A full queue blocks the
 * delivery thread, so the broker keeps the rest. One arrival is always admitted when the queue is
 * empty, so nothing larger than the bound can stall it. Thread-safe.
 */
final class ArrivalQueue {
  private final long maxWeight;
  private final ArrayDeque<Arrival> queue = new ArrayDeque<>();
  private long weight;

  ArrivalQueue(long maxWeight) {
    this.maxWeight = maxWeight;
  }

  /** Adds an arrival, waiting while it would not fit. */
  synchronized void put(Arrival arrival) throws InterruptedException {
    while (!queue.isEmpty() && weight + arrival.weight() > maxWeight) {
      wait();
    }
    queue.addLast(arrival);
    weight += arrival.weight();
    notifyAll();
  }

  /**
   * Takes up to {@code maxCount} arrivals and {@code maxPayloadBytes} of payload (at least one),
   * waiting up to {@code timeout} for the first. Empty when none came.
   */
  synchronized void drain(
      List<Arrival> into, int maxCount, long maxPayloadBytes, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (queue.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    long payload = 0;
    while (!queue.isEmpty() && into.size() < maxCount) {
      Arrival next = queue.peekFirst();
      if (!into.isEmpty() && payload + next.delivery().payload().length > maxPayloadBytes) {
        break;
      }
      queue.removeFirst();
      weight -= next.weight();
      payload += next.delivery().payload().length;
      into.add(next);
    }
    notifyAll();
  }

  /** Forgets everything (the connection dropped: the broker delivers it all again). */
  synchronized int clear() {
    int dropped = queue.size();
    queue.clear();
    weight = 0;
    notifyAll();
    return dropped;
  }

  synchronized int size() {
    return queue.size();
  }

  synchronized long weight() {
    return weight;
  }
}
