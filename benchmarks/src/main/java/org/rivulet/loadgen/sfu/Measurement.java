package org.rivulet.loadgen.sfu;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the synthetic peers count. A packet belongs to the measurement when its send time (the
 * trailer) falls in the window, on both sides: the publisher's count times N is then exactly what
 * the subscribers should receive, whatever is in flight when the window opens or closes.
 *
 * <p>Each {@link #window} starts from zero. The load generator opens a practice window during the
 * warm-up and then the real one: the counting code has then run, and been compiled, long before
 * the window opens. Before, it first ran at the window's first packets (the JIT had compiled the
 * peers' receive path without it, and threw that code away there), and the first frame of every
 * window arrived 8-21 ms late at the first subscriber.
 */
final class Measurement {
  private final int subscribers;
  private volatile Window current;

  /** One window's counts. */
  private static final class Window {
    final long startNanos;
    final long endNanos;
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final AtomicLongArray perSubscriber;
    /** Send to arrival at the subscriber's socket ({@link ArrivalStamps}), or to delivery. */
    final LatencyHistogram latency = new LatencyHistogram();
    /**
     * The subscribers connected first and last: the server's fan-out serves them first and last,
     * so the difference between their latencies is what the fan-out's length adds.
     */
    final LatencyHistogram first = new LatencyHistogram();
    final LatencyHistogram last = new LatencyHistogram();
    /** Send to the subscriber's receive path handing the packet over (after its decryption). */
    final LatencyHistogram delivered = new LatencyHistogram();
    /** Packets whose arrival was asked for and unknown: counted in latency at their delivery. */
    final LongAdder unstamped = new LongAdder();

    Window(long startNanos, long endNanos, int subscribers) {
      this.startNanos = startNanos;
      this.endNanos = endNanos;
      this.perSubscriber = new AtomicLongArray(subscribers);
    }

    boolean contains(long sentNanos) {
      return sentNanos >= startNanos && sentNanos < endNanos;
    }
  }

  Measurement(int subscribers) {
    this.subscribers = subscribers;
    this.current = new Window(Long.MAX_VALUE, Long.MAX_VALUE, subscribers);
  }

  /**
   * Opens a window at {@code startNanos} (System.nanoTime) for {@code lengthNanos}, with counts
   * from zero; the previous window's are dropped.
   */
  void window(long startNanos, long lengthNanos) {
    current = new Window(startNanos, startNanos + lengthNanos, subscribers);
  }

  /** The publisher sent a packet stamped {@code sentNanos}. */
  void sent(long sentNanos) {
    Window w = current;
    if (w.contains(sentNanos)) {
      w.sent.increment();
    }
  }

  /**
   * Subscriber {@code index} received a packet stamped {@code sentNanos}: its latency ends at
   * {@code endNanos} (its arrival at the socket, or its delivery) and it was handed over at
   * {@code deliveredNanos}.
   *
   * @param unstamped its arrival was measured and unknown, so {@code endNanos} is its delivery
   */
  void received(int index, long sentNanos, long endNanos, long deliveredNanos,
      boolean unstamped) {
    Window w = current;
    if (w.contains(sentNanos)) {
      w.received.increment();
      w.perSubscriber.incrementAndGet(index);
      if (unstamped) {
        w.unstamped.increment();
      }
      long latency = endNanos - sentNanos;
      w.latency.record(latency);
      w.delivered.record(deliveredNanos - sentNanos);
      if (index == 0) {
        w.first.record(latency);
      }
      if (index == subscribers - 1) {
        w.last.record(latency);
      }
    }
  }

  long sent() {
    return current.sent.sum();
  }

  long received() {
    return current.received.sum();
  }

  /** What the subscriber that received the least received; loss spread evenly or not. */
  long leastReceived() {
    AtomicLongArray counts = current.perSubscriber;
    long least = Long.MAX_VALUE;
    for (int i = 0; i < counts.length(); i++) {
      least = Math.min(least, counts.get(i));
    }
    return counts.length() == 0 ? 0 : least;
  }

  LatencyHistogram latency() {
    return current.latency;
  }

  /** From send to the subscribers' receive paths handing the packets over. */
  LatencyHistogram delivered() {
    return current.delivered;
  }

  /** Packets whose arrival was unknown though measured (see {@link #received}). */
  long unstamped() {
    return current.unstamped.sum();
  }

  /** The latency of the subscriber connected first (index 0). */
  LatencyHistogram firstSubscriber() {
    return current.first;
  }

  /** The latency of the subscriber connected last. */
  LatencyHistogram lastSubscriber() {
    return current.last;
  }
}
