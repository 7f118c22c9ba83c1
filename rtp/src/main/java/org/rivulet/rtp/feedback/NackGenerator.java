package org.rivulet.rtp.feedback;

import java.util.Arrays;

/**
 * Decides which RTP packets of one incoming stream to ask for again with a generic NACK (RFC 4585
 * section 6.2.1): the receiver side of retransmission, one instance per media SSRC. Sequence
 * numbers that are skipped become missing; each call to {@link #nackList} returns the missing ones
 * that are due, and a missing packet that arrives later (directly or unwrapped from RTX) counts as
 * recovered.
 *
 * <p><b>Bounds.</b> Only the last {@value #WINDOW} sequence numbers before the newest can be
 * missing, so memory is a few fixed arrays and one NACK packet can always name every due number.
 * A number stops being asked for after {@code maxRetries} NACKs, after {@code maxAgeNanos}, or
 * when it falls out of the window; each such give-up counts in {@link #abandoned()}. A jump of more
 * than {@value #MAX_FORWARD_JUMP} forward, or of the window or more backward (confirmed by the next
 * packet), is taken as a restart of the stream (RELIABILITY.md B5 items 56 and 57): the missing set
 * is dropped instead of NACKing the gap, and {@link #resets()} tells the caller that a keyframe
 * request is the better repair.
 *
 * <p><b>Time.</b> Every method takes the time in nanoseconds from one monotonic clock; nothing here
 * reads a clock or schedules anything.
 *
 * <p><b>Threads.</b> Not thread-safe; use it on the stream's event loop.
 */
public final class NackGenerator {

  /** Missing numbers are kept only this far behind the newest packet. */
  public static final int WINDOW = 1000;

  /** A forward jump larger than this is a restart, not a gap of lost packets. */
  public static final int MAX_FORWARD_JUMP = 1000;

  /** Default for the constructor's {@code maxRetries}, as libwebrtc's NACK module uses. */
  public static final int DEFAULT_MAX_RETRIES = 10;

  /** Default for the constructor's {@code maxAgeNanos}: one second. */
  public static final long DEFAULT_MAX_AGE_NANOS = 1_000_000_000L;

  /**
   * Shortest interval between two NACKs for one number, whatever the RTT estimate: a retransmission
   * cannot arrive sooner than about one round trip, and a low estimate must not cause a storm.
   */
  public static final long MIN_RESEND_INTERVAL_NANOS = 20_000_000L;

  private static final int SLOTS = 1024;
  private static final long EMPTY = Long.MIN_VALUE;
  private static final int[] NONE = new int[0];

  private final int maxRetries;
  private final long maxAgeNanos;

  // Ring indexed by extended sequence number; SLOTS > WINDOW, so live entries never collide.
  private final long[] missing = new long[SLOTS];
  private final long[] detectedNanos = new long[SLOTS];
  private final long[] lastNackNanos = new long[SLOTS];
  private final int[] nackCount = new int[SLOTS];
  private int missingCount;

  private boolean started;
  private long newest;
  private int probation = -1;
  private long nacked;
  private long recovered;
  private long abandoned;
  private long resets;

  /** A generator with {@value #DEFAULT_MAX_RETRIES} retries and a maximum age of one second. */
  public NackGenerator() {
    this(DEFAULT_MAX_RETRIES, DEFAULT_MAX_AGE_NANOS);
  }

  /**
   * A generator with the given limits.
   *
   * @param maxRetries NACKs sent for one sequence number before giving up on it, at least 1
   * @param maxAgeNanos how long after it was found missing a number is still asked for, positive
   * @throws IllegalArgumentException if a limit is out of range
   */
  public NackGenerator(int maxRetries, long maxAgeNanos) {
    if (maxRetries < 1 || maxAgeNanos <= 0) {
      throw new IllegalArgumentException(
          "maxRetries " + maxRetries + ", maxAgeNanos " + maxAgeNanos);
    }
    this.maxRetries = maxRetries;
    this.maxAgeNanos = maxAgeNanos;
    Arrays.fill(missing, EMPTY);
  }

  /**
   * Records the arrival of the packet with sequence number {@code seq} (original or unwrapped from
   * RTX). Handles the 16-bit wrap, reordering and duplicates.
   *
   * @return whether it filled a gap (it was missing: counted in {@link #recovered()}); false for a
   *     new packet, a duplicate or one already given up on
   * @throws IllegalArgumentException unless {@code 0 <= seq <= 65535}
   */
  public boolean onPacket(int seq, long nowNanos) {
    if ((seq & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("sequence number " + seq);
    }
    if (!started) {
      started = true;
      newest = seq;
      return false;
    }
    // Signed 16-bit distance from the newest: the nearer of the two ways round the circle.
    int delta = (short) (seq - (int) newest);
    long ext = newest + delta;
    if (delta > MAX_FORWARD_JUMP) {
      restart(ext);
    } else if (delta <= -WINDOW) {
      // A stray late packet (an RTX answered after a long delay) must not wipe the state, so, as in
      // RFC 3550 appendix A.1, a far jump back is believed only when the next packet follows it.
      if (seq == probation) {
        restart(ext);
      } else {
        probation = (seq + 1) & 0xFFFF;
      }
    } else if (delta > 0) {
      probation = -1;
      advance(ext, nowNanos);
    } else if (delta < 0) {
      int slot = slot(ext);
      if (missing[slot] == ext) {
        remove(slot);
        recovered++;
        return true;
      }
      // Otherwise a duplicate, or a number already given up on: nothing to do.
    }
    return false;
  }

  private void advance(long ext, long nowNanos) {
    // Numbers that fall out of the window are given up (at most MAX_FORWARD_JUMP of them).
    for (long old = newest - WINDOW + 1; old <= ext - WINDOW && missingCount > 0; old++) {
      abandonIfMissing(old);
    }
    for (long gap = newest + 1; gap < ext; gap++) {
      int slot = slot(gap);
      missing[slot] = gap;
      detectedNanos[slot] = nowNanos;
      nackCount[slot] = 0;
      missingCount++;
    }
    newest = ext;
  }

  private void restart(long ext) {
    probation = -1;
    for (long old = newest - WINDOW + 1; old < newest && missingCount > 0; old++) {
      abandonIfMissing(old);
    }
    newest = ext;
    resets++;
  }

  private void abandonIfMissing(long ext) {
    int slot = slot(ext);
    if (missing[slot] == ext) {
      remove(slot);
      abandoned++;
    }
  }

  private void remove(int slot) {
    missing[slot] = EMPTY;
    missingCount--;
  }

  private static int slot(long ext) {
    return (int) ext & (SLOTS - 1);
  }

  /**
   * The sequence numbers to NACK now, in RTP order (ascending, wrapping), ready for
   * {@code RtcpNack.of}: every missing number never asked for, and every one last asked for at
   * least {@code max(rttNanos, 20 ms)} ago that has been asked for fewer than {@code maxRetries}
   * times. Numbers older than {@code maxAgeNanos}, or out of retries, are given up here.
   *
   * @param rttNanos the current round-trip estimate; 0 or negative when unknown
   * @return a new array, empty when nothing is due (at most {@value #WINDOW} numbers)
   */
  public int[] nackList(long nowNanos, long rttNanos) {
    if (missingCount == 0) {
      return NONE;
    }
    long interval = Math.max(rttNanos, MIN_RESEND_INTERVAL_NANOS);
    int[] due = new int[missingCount];
    int n = 0;
    int left = missingCount;
    for (long ext = newest - WINDOW + 1; ext < newest && left > 0; ext++) {
      int slot = slot(ext);
      if (missing[slot] != ext) {
        continue;
      }
      left--;
      if (nowNanos - detectedNanos[slot] > maxAgeNanos) {
        remove(slot);
        abandoned++;
      } else if (nackCount[slot] == 0 || nowNanos - lastNackNanos[slot] >= interval) {
        if (nackCount[slot] >= maxRetries) {
          remove(slot);
          abandoned++;
        } else {
          nackCount[slot]++;
          lastNackNanos[slot] = nowNanos;
          due[n++] = (int) ext & 0xFFFF;
        }
      }
    }
    nacked += n;
    return n == 0 ? NONE : n == due.length ? due : Arrays.copyOf(due, n);
  }

  /** Sequence numbers missing now (found missing and neither recovered nor given up). */
  public int missing() {
    return missingCount;
  }

  /** Sequence numbers requested so far, each retry counted again. */
  public long nacked() {
    return nacked;
  }

  /** Missing packets that arrived later, directly or as RTX. */
  public long recovered() {
    return recovered;
  }

  /** Missing numbers given up on: too old, out of retries, out of the window, or on a restart. */
  public long abandoned() {
    return abandoned;
  }

  /** Jumps taken as a restart of the stream, each a hint to ask for a keyframe. */
  public long resets() {
    return resets;
  }
}
