package org.rivulet.loadgen.sfu;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the synthetic peers count. A packet belongs to the measurement when its send time (the
 * trailer) falls in the window, on both sides: the publisher's count times N is then exactly what
 * the subscribers should receive, whatever is in flight when the window opens or closes.
 */
final class Measurement {
  private volatile long startNanos = Long.MAX_VALUE;
  private volatile long endNanos = Long.MAX_VALUE;
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final AtomicLongArray perSubscriber;
  private final LatencyHistogram latency = new LatencyHistogram();
  /**
   * The subscribers connected first and last: the server's fan-out serves them first and last, so
   * the difference between their latencies is what the fan-out's length adds.
   */
  private final LatencyHistogram first = new LatencyHistogram();
  private final LatencyHistogram last = new LatencyHistogram();

  Measurement(int subscribers) {
    this.perSubscriber = new AtomicLongArray(subscribers);
  }

  /** Opens the window at {@code startNanos} (System.nanoTime) for {@code lengthNanos}. */
  void window(long startNanos, long lengthNanos) {
    this.endNanos = startNanos + lengthNanos;
    this.startNanos = startNanos;
  }

  private boolean inWindow(long sentNanos) {
    return sentNanos >= startNanos && sentNanos < endNanos;
  }

  /** The publisher sent a packet stamped {@code sentNanos}. */
  void sent(long sentNanos) {
    if (inWindow(sentNanos)) {
      sent.increment();
    }
  }

  /**
   * Subscriber {@code index} received a packet stamped {@code sentNanos} at
   * {@code receivedNanos}.
   */
  void received(int index, long sentNanos, long receivedNanos) {
    if (inWindow(sentNanos)) {
      received.increment();
      perSubscriber.incrementAndGet(index);
      latency.record(receivedNanos - sentNanos);
      if (index == 0) {
        first.record(receivedNanos - sentNanos);
      }
      if (index == perSubscriber.length() - 1) {
        last.record(receivedNanos - sentNanos);
      }
    }
  }

  long sent() {
    return sent.sum();
  }

  long received() {
    return received.sum();
  }

  /** What the subscriber that received the least received; loss spread evenly or not. */
  long leastReceived() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < perSubscriber.length(); i++) {
      least = Math.min(least, perSubscriber.get(i));
    }
    return perSubscriber.length() == 0 ? 0 : least;
  }

  LatencyHistogram latency() {
    return latency;
  }

  /** The latency of the subscriber connected first (index 0). */
  LatencyHistogram firstSubscriber() {
    return first;
  }

  /** The latency of the subscriber connected last. */
  LatencyHistogram lastSubscriber() {
    return last;
  }
}
