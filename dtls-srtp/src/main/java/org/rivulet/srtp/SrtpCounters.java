package org.rivulet.srtp;

import org.rivulet.transport.EnumCounts;

/**
 * Packet counts per {@link SrtpResult}, kept by a sender or receiver for RTP and for RTCP separately.
 *
 * <p>Threading: plain {@code long} fields, no synchronisation. A sender or receiver is confined to one
 * event loop, and so are its counters; read them on that loop (or accept a stale value from elsewhere).
 */
public final class SrtpCounters {

  private static final SrtpResult[] RESULTS = SrtpResult.values();

  private final long[] counts = new long[RESULTS.length];

  SrtpCounters() {}

  /** Counts one packet and hands the result back, so callers can {@code return counters.count(r)}. */
  SrtpResult count(SrtpResult result) {
    counts[result.ordinal()]++;
    return result;
  }

  /** Packets that ended with this result. */
  public long get(SrtpResult result) {
    return counts[result.ordinal()];
  }

  /** Packets that were protected or unprotected. */
  public long passed() {
    return counts[SrtpResult.OK.ordinal()];
  }

  /** Packets that were dropped, for any reason. */
  public long dropped() {
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (i != SrtpResult.OK.ordinal()) {
        sum += counts[i];
      }
    }
    return sum;
  }

  /** Non-zero counts, for logs: {@code {OK=12, AUTH_FAILED=1}}. */
  @Override
  public String toString() {
    return EnumCounts.nonZero(RESULTS, counts);
  }
}
