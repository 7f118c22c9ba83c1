package org.rivulet.transport.demux;

import org.rivulet.transport.EnumCounts;

/**
 * Datagram counts per {@link DemuxOutcome}: how many went to each sink and how many were dropped for
 * each reason. One instance per endpoint transport; it may be shared by several demultiplexers (the UDP
 * channel and the ICE-TCP connections of one endpoint) as long as they share the event loop.
 *
 * <p>Threading: plain {@code long} counters, no synchronisation and no atomics, because every channel of
 * a media pipeline is registered on the pipeline's one event loop and only that loop counts. Read them on
 * that loop; read from elsewhere they may be stale (and, on a 32-bit JVM, torn).
 */
public final class DemuxCounters {

  private static final DemuxOutcome[] OUTCOMES = DemuxOutcome.values();

  private final long[] counts = new long[OUTCOMES.length];

  /** Creates counters at zero. */
  public DemuxCounters() {}

  void count(DemuxOutcome outcome) {
    counts[outcome.ordinal()]++;
  }

  /** Datagrams that ended with this outcome. */
  public long get(DemuxOutcome outcome) {
    return counts[outcome.ordinal()];
  }

  /** Datagrams handed to a sink. */
  public long forwarded() {
    long sum = 0;
    for (DemuxOutcome o : OUTCOMES) {
      if (o.isForwarded()) {
        sum += counts[o.ordinal()];
      }
    }
    return sum;
  }

  /** Datagrams dropped, for any reason. */
  public long dropped() {
    long sum = 0;
    for (DemuxOutcome o : OUTCOMES) {
      if (!o.isForwarded()) {
        sum += counts[o.ordinal()];
      }
    }
    return sum;
  }

  /** Non-zero counts, for logs: {@code {MEDIA=120, EMPTY=1}}. */
  @Override
  public String toString() {
    return EnumCounts.nonZero(OUTCOMES, counts);
  }
}
