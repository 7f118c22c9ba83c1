package org.rivulet.rtp.feedback;

import static org.rivulet.rtcp.RtcpTransportCc.NOT_RECEIVED;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_LARGE_DELTA;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_SMALL_DELTA;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rivulet.rtcp.RtcpTransportCc;

/**
 * Records when each packet of one transport arrived, by its transport-wide sequence number
 * ({@code org.rivulet.rtp.ext.TransportSequenceNumber}), and turns what was recorded into
 * transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1) for the
 * sender's bandwidth estimator. One instance per transport, on the receiving side.
 *
 * <p>Each call to {@link #feedback} reports every sequence number from the first one not reported
 * yet to the highest one recorded: arrivals with their receive deltas, gaps as not received. A
 * packet arriving after its number was reported (or before the first one recorded) is dropped,
 * since the sender has already accounted for it. Sequence numbers are unwrapped to 64 bits, so the
 * 16-bit wrap needs no special case.
 *
 * <p><b>Time.</b> The reference time of a feedback packet is the arrival of its first received
 * packet rounded down to 64 ms; each delta is the arrival time rounded down to 250 us minus the
 * previous one, so the rounding never accumulates and every arrival can be rebuilt to within
 * 250 us. A delta that does not fit 16 signed bits (about 8 s) starts a new feedback packet with
 * its own reference time, as section 3.1.5 asks. Times are nanoseconds from one monotonic clock;
 * any origin works, since the 24-bit reference time wraps and the sender only uses differences.
 *
 * <p><b>Bounds.</b> At most {@value #MAX_PENDING} sequence numbers wait for feedback; a newer
 * packet pushes the oldest out, counted in {@link #evicted()}. The ring holding them grows with the
 * span in use, so a quiet transport costs 2 KB. A feedback packet is closed before it could exceed
 * {@value #MAX_FEEDBACK_BYTES} bytes, so each fits a datagram with room for a compound and SRTCP.
 *
 * <p><b>Threads.</b> Not thread-safe; use it on the transport's event loop.
 */
public final class TwccRecorder {

  /** Sequence numbers that may wait for feedback; about 10 s of a busy video transport. */
  public static final int MAX_PENDING = 10_000;

  /**
   * Upper bound on the encoded size of one feedback packet: room in a 1500-byte datagram for
   * IP/UDP headers, the SRTCP trailer and a receiver report in the same compound.
   */
  public static final int MAX_FEEDBACK_BYTES = 1200;

  private static final long TICK_NANOS = RtcpTransportCc.DELTA_TICK_MICROS * 1000L;
  private static final long REFERENCE_NANOS =
      RtcpTransportCc.REFERENCE_TIME_TICK_MILLIS * 1_000_000L;
  private static final long TICKS_PER_REFERENCE = REFERENCE_NANOS / TICK_NANOS;
  private static final int MIN_SLOTS = 256;
  private static final long NONE = Long.MIN_VALUE;

  private long[] arrivals = newRing(MIN_SLOTS);
  private boolean started;
  // Pending: extended sequence numbers nextBase..highest; nothing pending when nextBase > highest.
  private long nextBase;
  private long highest;
  private int feedbackPacketCount;
  private long recorded;
  private long late;
  private long evicted;

  /**
   * Records that the packet with transport-wide sequence number {@code transportSeq} arrived at
   * {@code arrivalNanos}. A duplicate keeps the first arrival time.
   *
   * @throws IllegalArgumentException unless {@code 0 <= transportSeq <= 65535}
   */
  public void onPacket(int transportSeq, long arrivalNanos) {
    if ((transportSeq & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("transport sequence number " + transportSeq);
    }
    long ext;
    if (!started) {
      started = true;
      ext = transportSeq;
      nextBase = ext;
      highest = ext;
    } else {
      ext = highest + (short) (transportSeq - (int) highest);
      if (ext < nextBase) {
        late++;
        return;
      }
      if (ext > highest) {
        if (ext - nextBase >= MAX_PENDING) {
          evictBefore(ext - MAX_PENDING + 1);
        }
        ensureCapacity(ext - nextBase + 1);
        highest = ext;
      }
    }
    int slot = slot(ext);
    if (arrivals[slot] == NONE) {
      arrivals[slot] = arrivalNanos;
      recorded++;
    }
  }

  private void evictBefore(long newBase) {
    for (long ext = nextBase; ext < newBase && ext <= highest; ext++) {
      int slot = slot(ext);
      if (arrivals[slot] != NONE) {
        arrivals[slot] = NONE;
        evicted++;
      }
    }
    nextBase = newBase;
  }

  private void ensureCapacity(long span) {
    if (span <= arrivals.length) {
      return;
    }
    long[] old = arrivals;
    arrivals = newRing(Integer.highestOneBit((int) span - 1) << 1);
    for (long ext = nextBase; ext <= highest; ext++) {
      arrivals[slot(ext)] = old[(int) ext & (old.length - 1)];
    }
  }

  private static long[] newRing(int size) {
    long[] ring = new long[size];
    Arrays.fill(ring, NONE);
    return ring;
  }

  private int slot(long ext) {
    return (int) ext & (arrivals.length - 1);
  }

  /**
   * Builds feedback for everything recorded since the last call and forgets it. Packets are in
   * sequence order, and each takes the next feedback packet count (modulo 256).
   *
   * @param senderSsrc SSRC to put in "SSRC of packet sender"
   * @param mediaSsrc SSRC to put in "SSRC of media source" (any of the transport's)
   * @return the feedback packets; empty when nothing arrived since the last call
   */
  public List<RtcpTransportCc> feedback(int senderSsrc, int mediaSsrc) {
    if (!started || nextBase > highest) {
      return List.of();
    }
    List<RtcpTransportCc> packets = new ArrayList<>(1);
    RtcpTransportCc.Builder builder = null;
    SizeBound size = new SizeBound();
    SizeBound trial = new SizeBound();
    long lastTick = 0;
    long lostFrom = 0;
    int lost = 0;
    for (long ext = nextBase; ext <= highest; ext++) {
      int slot = slot(ext);
      long arrival = arrivals[slot];
      if (arrival == NONE) {
        if (lost++ == 0) {
          lostFrom = ext;
        }
        continue;
      }
      arrivals[slot] = NONE;
      long tick = Math.floorDiv(arrival, TICK_NANOS);
      long delta = tick - lastTick;
      if (builder == null || delta < Short.MIN_VALUE || delta > Short.MAX_VALUE
          || builder.size() + lost + 1 > RtcpTransportCc.MAX_PACKET_STATUS_COUNT
          || trial.copyOf(size).add(lost, delta).bytes() > MAX_FEEDBACK_BYTES) {
        // A new packet starts at the gap before this arrival, if any, so no status is lost.
        if (builder != null) {
          packets.add(builder.build());
        }
        long reference = Math.floorDiv(arrival, REFERENCE_NANOS);
        builder = new RtcpTransportCc.Builder(senderSsrc, mediaSsrc,
            (int) (lost > 0 ? lostFrom : ext) & 0xFFFF, wrap24(reference), feedbackPacketCount);
        feedbackPacketCount = (feedbackPacketCount + 1) & 0xFF;
        size.clear();
        delta = tick - reference * TICKS_PER_REFERENCE;
      }
      for (int i = 0; i < lost; i++) {
        builder.notReceived();
      }
      builder.received((int) delta);
      size.add(lost, delta);
      lastTick = tick;
      lost = 0;
    }
    // The highest number was recorded as received, so no gap is left over.
    packets.add(builder.build());
    nextBase = highest + 1;
    return packets;
  }

  /** The low 24 bits of {@code reference}, as the signed field of section 3.1 holds them. */
  private static int wrap24(long reference) {
    return (int) (reference << 40 >> 40);
  }

  /** Arrivals recorded (duplicates and dropped ones not counted). */
  public long recorded() {
    return recorded;
  }

  /** Arrivals dropped because their number was reported already or precedes the first one. */
  public long late() {
    return late;
  }

  /** Recorded arrivals dropped unreported because more than {@value #MAX_PENDING} were pending. */
  public long evicted() {
    return evicted;
  }

  /** Sequence numbers the next {@link #feedback} call will report, received or not. */
  public int pending() {
    return !started || nextBase > highest ? 0 : (int) (highest - nextBase + 1);
  }

  /**
   * An upper bound on the bytes of a feedback packet as statuses are appended, cheap to keep up to
   * date. {@code RtcpTransportCc} chooses chunks greedily, and every chunk but the last covers at
   * least 7 statuses, except that a run of 28 or more equal statuses costs one run length chunk per
   * 8191 statuses plus at most 13 statuses at each end covered by neighbouring chunks. So a loss
   * burst of thousands costs a few bytes, not a chunk per 7 statuses.
   */
  private static final class SizeBound {
    private static final int LONG_RUN = 28;
    private static final int EDGE = 13;
    private static final int MAX_RUN = 0x1FFF;

    private int deltaBytes;
    private int shortStatuses;
    private int longRuns;
    private int longRunChunks;
    private int runSymbol = -1;
    private int runLength;

    SizeBound copyOf(SizeBound other) {
      deltaBytes = other.deltaBytes;
      shortStatuses = other.shortStatuses;
      longRuns = other.longRuns;
      longRunChunks = other.longRunChunks;
      runSymbol = other.runSymbol;
      runLength = other.runLength;
      return this;
    }

    void clear() {
      deltaBytes = 0;
      shortStatuses = 0;
      longRuns = 0;
      longRunChunks = 0;
      runSymbol = -1;
      runLength = 0;
    }

    /** Appends {@code lost} not-received statuses, then one received with {@code delta}. */
    SizeBound add(int lost, long delta) {
      if (lost > 0) {
        append(NOT_RECEIVED, lost);
      }
      boolean small = delta >= 0 && delta <= 0xFF;
      append(small ? RECEIVED_SMALL_DELTA : RECEIVED_LARGE_DELTA, 1);
      deltaBytes += small ? 1 : 2;
      return this;
    }

    private void append(int symbol, int count) {
      if (symbol != runSymbol) {
        closeRun();
        runSymbol = symbol;
      }
      runLength += count;
    }

    private void closeRun() {
      if (runLength >= LONG_RUN) {
        longRuns++;
        longRunChunks += (runLength + MAX_RUN - 1) / MAX_RUN;
      } else {
        shortStatuses += runLength;
      }
      runLength = 0;
    }

    int bytes() {
      int s = shortStatuses;
      int runs = longRuns;
      int runChunks = longRunChunks;
      if (runLength >= LONG_RUN) {
        runs++;
        runChunks += (runLength + MAX_RUN - 1) / MAX_RUN;
      } else {
        s += runLength;
      }
      int chunks = (s + 2 * EDGE * runs) / 7 + 1 + runChunks;
      int unpadded = 20 + 2 * chunks + deltaBytes;
      return (unpadded + 3) & ~3;
    }
  }
}
