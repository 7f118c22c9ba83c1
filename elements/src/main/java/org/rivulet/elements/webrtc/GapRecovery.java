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

  private final Map<Integer, NackGenerator> sources = new HashMap<>();
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
    NackGenerator nacker = sources.get(ssrc);
    if (nacker == null && sources.size() < MAX_SOURCES) {
      nacker = new NackGenerator();
      sources.put(ssrc, nacker);
    }
    if (nacker == null) {
      return true;
    }
    long resets = nacker.resets();
    boolean filledGap = nacker.onPacket(seq, nowNanos);
    if (nacker.resets() != resets) {
      onRestart.run();
    }
    return !retransmission || filledGap;
  }

  /** Hands each source's due NACK list (non-empty) to {@code send}. */
  void due(long nowNanos, long rttNanos, BiConsumer<Integer, int[]> send) {
    for (Map.Entry<Integer, NackGenerator> e : sources.entrySet()) {
      int[] lost = e.getValue().nackList(nowNanos, rttNanos);
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
    NackGenerator n = sources.get(ssrc);
    return n == null ? 0 : n.nacked();
  }

  long nacked() {
    return sources.values().stream().mapToLong(NackGenerator::nacked).sum();
  }

  long recovered() {
    return sources.values().stream().mapToLong(NackGenerator::recovered).sum();
  }
}
