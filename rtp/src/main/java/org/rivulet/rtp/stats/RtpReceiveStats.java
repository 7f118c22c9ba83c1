package org.rivulet.rtp.stats;

import org.rivulet.rtcp.RtcpReportBlock;

/**
 * What RFC 3550 asks a receiver to know about one source for its reception reports: the extended
 * highest sequence number with wrap cycles (appendix A.1), expected and received packets for loss
 * (A.3), interarrival jitter (A.8), and the last sender report for LSR/DLSR (section 6.4.1).
 * Single-threaded; times in nanoseconds from one monotonic clock.
 */
public final class RtpReceiveStats {
  /** Sequence numbers this far ahead count as a restart rather than a jump (RFC 3550 A.1). */
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;

  private final int ssrc;
  private final int clockRate;
  private boolean started;
  private int maxSeq;
  private long cycles;
  private int baseSeq;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private double jitter;
  private long lastTransit;
  private boolean haveTransit;
  private long lastSrMiddle;
  private long lastSrArrivalNanos;
  private long lastArrivalNanos;

  public RtpReceiveStats(int ssrc, int clockRate) {
    this.ssrc = ssrc;
    this.clockRate = clockRate;
  }

  public int ssrc() {
    return ssrc;
  }

  /** When this source's last packet arrived (System.nanoTime); 0 before the first. */
  public long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  /** One RTP packet of this source arrived at {@code arrivalNanos}. */
  public void packet(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
    lastArrivalNanos = arrivalNanos;
    int seq = sequenceNumber & 0xffff;
    if (!started) {
      started = true;
      baseSeq = seq;
      maxSeq = seq;
    } else {
      int delta = (seq - maxSeq) & 0xffff;
      if (delta < MAX_DROPOUT) {
        if (seq < maxSeq) {
          cycles += 0x10000;
        }
        maxSeq = seq;
      } else if (delta <= 0x10000 - MAX_MISORDER) {
        // A very large jump: the source restarted its sequence (RFC 3550 A.1, simplified).
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
      }
      // Otherwise a duplicate or a reordered packet: counted, no move.
    }
    received++;
    // Jitter (A.8): transit time differences in RTP units, smoothed by 1/16.
    long arrivalUnits = arrivalNanos / 1000 * clockRate / 1_000_000;
    long transit = arrivalUnits - rtpTimestamp;
    if (haveTransit) {
      long d = Math.abs(transit - lastTransit);
      jitter += (d - jitter) / 16.0;
    }
    lastTransit = transit;
    haveTransit = true;
  }

  /** A sender report of this source arrived: keeps the middle 32 bits of its NTP timestamp. */
  public void senderReport(long ntpTimestamp, long arrivalNanos) {
    lastSrMiddle = (ntpTimestamp >>> 16) & 0xffffffffL;
    lastSrArrivalNanos = arrivalNanos;
  }

  public long extendedHighestSequence() {
    return cycles + maxSeq;
  }

  public long received() {
    return received;
  }

  public long expected() {
    return started ? extendedHighestSequence() - baseSeq + 1 : 0;
  }

  public long jitter() {
    return (long) jitter;
  }

  /** A report block for now; moves the "since last report" counters for the fraction lost. */
  public RtcpReportBlock reportBlock(long nowNanos) {
    long expected = expected();
    long lost = Math.max(RtcpReportBlock.MIN_CUMULATIVE_LOST,
        Math.min(0x7fffff, expected - received));
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
        : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    long dlsr = lastSrArrivalNanos == 0 ? 0
        : Math.min(0xffffffffL, (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L);
    return new RtcpReportBlock(ssrc, fraction, (int) lost, extendedHighestSequence() & 0xffffffffL,
        Math.min(0xffffffffL, jitter()), lastSrMiddle, lastSrMiddle == 0 ? 0 : dlsr);
  }
}
