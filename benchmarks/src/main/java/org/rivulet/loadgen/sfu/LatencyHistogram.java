package org.rivulet.loadgen.sfu;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in fixed buckets, recorded from any thread: 1 µs wide up to 10 ms (where the goal of
 * 5 ms at p99 lies), 100 µs wide from there up to 1 s, and one bucket beyond. About 160 KB, so one
 * histogram serves every subscriber.
 */
final class LatencyHistogram {
  private static final long FINE_LIMIT = 10_000;
  private static final long COARSE_WIDTH = 100;
  private static final long LIMIT = 1_000_000;
  private static final int FINE_BUCKETS = (int) FINE_LIMIT;
  private static final int BUCKETS = FINE_BUCKETS + (int) ((LIMIT - FINE_LIMIT) / COARSE_WIDTH) + 1;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong maxMicros = new AtomicLong();

  void record(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    counts.incrementAndGet(bucket(micros));
    total.incrementAndGet();
    maxMicros.accumulateAndGet(micros, Math::max);
  }

  private static int bucket(long micros) {
    if (micros < FINE_LIMIT) {
      return (int) micros;
    }
    if (micros < LIMIT) {
      return FINE_BUCKETS + (int) ((micros - FINE_LIMIT) / COARSE_WIDTH);
    }
    return BUCKETS - 1;
  }

  /** The upper edge of a bucket, in µs: what a percentile falling in it reports. */
  private static long upperEdge(int bucket) {
    if (bucket < FINE_BUCKETS) {
      return bucket + 1;
    }
    if (bucket < BUCKETS - 1) {
      return FINE_LIMIT + (bucket - FINE_BUCKETS + 1) * COARSE_WIDTH;
    }
    return Long.MAX_VALUE;
  }

  long count() {
    return total.get();
  }

  long maxMicros() {
    return maxMicros.get();
  }

  /**
   * The latency below which {@code fraction} of the samples lie, in µs (rounded up to its bucket's
   * edge, never above the maximum seen); 0 without samples.
   */
  long percentileMicros(double fraction) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperEdge(i), maxMicros.get());
      }
    }
    return maxMicros.get();
  }
}
