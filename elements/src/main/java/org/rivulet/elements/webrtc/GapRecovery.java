package org.rivulet.elements.webrtc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.rivulet.rtp.feedback.NackGenerator;

/**
 * The receiving side of loss recovery for the video a peer sends: one {@link NackGenerator} per
 * remote video source (bounded), the decision whether an RTX packet is a repair we wanted, and the
 * NACK lists due. Single-threaded (the pipeline's loop).
 */
final class GapRecovery {
  /** Remote video sources tracked (a publisher sends one, or three with simulcast). */
  static final int MAX_SOURCES = 4;
  /**
   * A source silent this long gives its place to a new one when all are taken, the session's
   * timeout for its report slots: a publisher that restarts its video under new SSRCs would
   * otherwise lose loss recovery after the fourth.
   */
  static final long IDLE_NANOS = RtpSession.SOURCE_TIMEOUT_NANOS;

  /** A source's NACK state and when its last packet arrived. */
  private static final class Source {
    final NackGenerator nacker = new NackGenerator();
    long lastNanos;
  }

  private final Map<Integer, Source> sources = new HashMap<>();
  /** What sources no longer tracked had NACKed and recovered: the totals never go back. */
  private long retiredNacked;
  private long retiredRecovered;
  private long nacksSent;
  /**
   * Called when a jump in a source's sequence numbers is too large to be loss and is taken as a
   * restart (RELIABILITY.md B5.57): nothing is NACKed for it, and the decoders downstream need a
   * keyframe instead.
   */
  private final Runnable onRestart;

  GapRecovery(Runnable onRestart) {
    this.onRestart = onRestart;
  }

  /**
   * Records an arriving video packet (an RTX one already unwrapped).
   *
   * @return false for a retransmission of a packet that was not missing: browsers send RTX copies
   *     of delivered packets as bandwidth probes, and forwarding them would duplicate packets
   */
  boolean arrived(int ssrc, int seq, boolean retransmission, long nowNanos) {
    Source source = sources.get(ssrc);
    if (source == null) {
      if (sources.size() >= MAX_SOURCES) {
        sources.values().removeIf(s -> nowNanos - s.lastNanos >= IDLE_NANOS && retire(s));
      }
      if (sources.size() >= MAX_SOURCES) {
        return true;
      }
      source = new Source();
      sources.put(ssrc, source);
    }
    source.lastNanos = nowNanos;
    NackGenerator nacker = source.nacker;
    long resets = nacker.resets();
    boolean filledGap = nacker.onPacket(seq, nowNanos);
    if (nacker.resets() != resets) {
      onRestart.run();
    }
    return !retransmission || filledGap;
  }

  /** Hands each source's due NACK list (non-empty) to {@code send}. */
  void due(long nowNanos, long rttNanos, BiConsumer<Integer, int[]> send) {
    for (Map.Entry<Integer, Source> e : sources.entrySet()) {
      int[] lost = e.getValue().nacker.nackList(nowNanos, rttNanos);
      if (lost.length > 0) {
        send.accept(e.getKey(), lost);
      }
    }
  }

  boolean isEmpty() {
    return sources.isEmpty();
  }

  void nackSent() {
    nacksSent++;
  }

  long nacksSent() {
    return nacksSent;
  }

  /** Sequence numbers NACKed for {@code ssrc}, 0 when untracked. */
  long nacked(int ssrc) {
    Source s = sources.get(ssrc);
    return s == null ? 0 : s.nacker.nacked();
  }

  /** The source left (RTCP BYE): its gaps are no longer ours to repair. */
  void forget(int ssrc) {
    Source s = sources.remove(ssrc);
    if (s != null) {
      retire(s);
    }
  }

  /** Keeps a departing source's counts in the totals; true, for removeIf. */
  private boolean retire(Source s) {
    retiredNacked += s.nacker.nacked();
    retiredRecovered += s.nacker.recovered();
    return true;
  }

  long nacked() {
    return retiredNacked + sources.values().stream().mapToLong(s -> s.nacker.nacked()).sum();
  }

  long recovered() {
    return retiredRecovered
        + sources.values().stream().mapToLong(s -> s.nacker.recovered()).sum();
  }
}
