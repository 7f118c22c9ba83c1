package org.rivulet.loadgen.sfu;

import java.util.Locale;

/**
 * How often this CPU stops running us for a while: a thread that only reads the clock, for a few
 * seconds, and counts the gaps between two readings. On an idle machine every gap is the host's
 * doing (a virtual CPU descheduled, an interrupt storm), and every process on that CPU suffers it,
 * so it is a floor under any latency percentile measured there. The benchmark script runs one per
 * CPU before the fan-out runs and reports them with the environment.
 *
 * <p>Usage: {@code HostStalls <seconds>}; prints one line.
 */
final class HostStalls {
  /** Gap thresholds, in µs, of the counts reported. */
  static final long[] THRESHOLDS_MICROS = {100, 500, 1000, 2000, 5000};

  private final long[] counts = new long[THRESHOLDS_MICROS.length];
  private long maxNanos;
  private long lostNanos;
  private long spanNanos;

  /** One gap between two consecutive clock readings. */
  void gap(long nanos) {
    spanNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
    if (nanos >= THRESHOLDS_MICROS[0] * 1000) {
      lostNanos += nanos;
    }
    for (int i = 0; i < THRESHOLDS_MICROS.length; i++) {
      if (nanos >= THRESHOLDS_MICROS[i] * 1000) {
        counts[i]++;
      }
    }
  }

  /** Gaps of at least {@code THRESHOLDS_MICROS[i]}. */
  long count(int i) {
    return counts[i];
  }

  long maxMicros() {
    return maxNanos / 1000;
  }

  /** The share of the time spent in gaps of 100 µs or more, in percent. */
  double lostPercent() {
    return spanNanos == 0 ? 0 : 100.0 * lostNanos / spanNanos;
  }

  String summary() {
    StringBuilder s = new StringBuilder("stalls");
    for (int i = 0; i < THRESHOLDS_MICROS.length; i++) {
      long t = THRESHOLDS_MICROS[i];
      s.append(t < 1000 ? " >=" + t + "us:" : " >=" + t / 1000 + "ms:").append(counts[i]);
    }
    return s.append(String.format(Locale.ROOT, " max=%.1fms lost=%.2f%% over %.1fs",
        maxNanos / 1e6, lostPercent(), spanNanos / 1e9)).toString();
  }

  /** Reads the clock in a loop for {@code nanos} and records every gap. */
  static HostStalls measure(long nanos) {
    HostStalls stalls = new HostStalls();
    long last = System.nanoTime();
    long end = last + nanos;
    while (last < end) {
      long now = System.nanoTime();
      stalls.gap(now - last);
      last = now;
    }
    return stalls;
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    measure(100_000_000L); // compile the loop first: the interpreter's own pauses are not stalls
    System.out.println(measure((long) (seconds * 1e9)).summary());
  }
}
