package org.rivulet.elements.webrtc;

import java.util.Locale;
import java.util.Set;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.rtp.codec.Keyframes;

/**
 * Rewrites the packets of one outgoing media kind so the receiver sees a single continuous stream:
 * our SSRC, our payload type, and sequence numbers and timestamps that continue across a change of
 * source (a reconnection, a Dispatcher switch), as a receiver's jitter buffer needs.
 *
 * <p>At a change of source the sequence number continues at the next value and the timestamp
 * advances by the wallclock time since the last packet sent (so the receiver's playout clock stays
 * smooth). Video of a new source is held back until it reaches a keyframe: the receiver cannot
 * decode the new source's delta frames, and showing them would corrupt the picture. (Not a keyframe
 * whose first packet came after later packets of its frame, see {@link #turnedAwayNewer}.) While
 * held back, {@link #wantsKeyframe} says when to ask the source for one. Single-threaded (the
 * pipeline's loop).
 */
final class OutboundStream {
  /** Codecs whose keyframes {@link Keyframes} recognises; others are never held back. */
  private static final Set<String> GATED = Set.of("vp8", "vp9", "h264");
  /** How often a stream waiting for a keyframe asks again (the first ask goes at once). */
  static final long KEYFRAME_ASK_INTERVAL_NANOS = 300_000_000L;

  private final int ssrc;
  private final int clockRate;
  private final boolean video;
  private int sourceSsrc;
  private boolean started;
  private boolean waitingForKeyframe;
  private long lastAskNanos;
  private int seqDelta;
  private long tsDelta;
  private int lastSeq;
  private long lastTs;
  private long lastSentNanos;
  /** The newest packet turned away while waiting for a keyframe (see {@link #turnedAwayNewer}). */
  private boolean turnedAwayAny;
  private int turnedAwaySsrc;
  private int turnedAwayNewestSeq;

  OutboundStream(long ssrc, int clockRate, int initialSeq, boolean video) {
    this.ssrc = (int) ssrc;
    this.clockRate = clockRate;
    this.video = video;
    this.lastSeq = (initialSeq - 1) & 0xffff;
    this.lastTs = 0;
  }

  /**
   * Whether {@code packet} may go out now. The first packet of a new source that is let through
   * rebases sequence numbers and timestamps onto this stream.
   */
  boolean admit(RtpPacket packet, String encoding, long nowNanos) {
    boolean newSource = !started || packet.ssrc() != sourceSsrc;
    if (newSource && video && !waitingForKeyframe
        && GATED.contains(encoding.toLowerCase(Locale.ROOT))) {
      waitingForKeyframe = true;
      lastAskNanos = nowNanos - KEYFRAME_ASK_INTERVAL_NANOS;
    }
    if (waitingForKeyframe) {
      if (!Keyframes.isKeyframeStart(encoding, packet.buffer(), packet.payloadOffset(),
          packet.payloadLength()) || turnedAwayNewer(packet)) {
        noteTurnedAway(packet);
        return false;
      }
      waitingForKeyframe = false;
      turnedAwayAny = false;
    }
    if (newSource) {
      rebase(packet, nowNanos);
    }
    return true;
  }

  /**
   * Whether a packet of this keyframe's source, with a later sequence number, was turned away
   * already: the keyframe's first packet came late (lost, then retransmitted), after some of the
   * frame's other packets, which are gone. Opening the gate there would leave a gap in the
   * sequence that no retransmission fills and a receiver that asks for no keyframe (a plain RTP
   * reader, a recorder) never recovers from; the next keyframe starts clean.
   */
  private boolean turnedAwayNewer(RtpPacket keyframeStart) {
    return turnedAwayAny && turnedAwaySsrc == keyframeStart.ssrc()
        && newer(turnedAwayNewestSeq, keyframeStart.sequenceNumber());
  }

  private void noteTurnedAway(RtpPacket packet) {
    int seq = packet.sequenceNumber();
    if (!turnedAwayAny || turnedAwaySsrc != packet.ssrc()
        || newer(seq, turnedAwayNewestSeq)) {
      turnedAwayNewestSeq = seq;
    }
    turnedAwaySsrc = packet.ssrc();
    turnedAwayAny = true;
  }

  /** Whether sequence number {@code a} is after {@code b}, modulo 2^16 (RFC 3550 A.1). */
  private static boolean newer(int a, int b) {
    return (short) (a - b) > 0;
  }

  /** Whether to ask the source for a keyframe now (held back, and not asked recently). */
  boolean wantsKeyframe(long nowNanos) {
    if (!waitingForKeyframe || nowNanos - lastAskNanos < KEYFRAME_ASK_INTERVAL_NANOS) {
      return false;
    }
    lastAskNanos = nowNanos;
    return true;
  }

  private void rebase(RtpPacket packet, long nowNanos) {
    long step = 0;
    if (started) {
      long elapsed = Math.max(0, nowNanos - lastSentNanos);
      step = Math.max(1, elapsed * clockRate / 1_000_000_000L);
    }
    seqDelta = (lastSeq + 1 - packet.sequenceNumber()) & 0xffff;
    tsDelta = (lastTs + step - packet.timestamp()) & 0xffffffffL;
    sourceSsrc = packet.ssrc();
    started = true;
  }

  /** The sequence number {@code packet} goes out with (call after {@link #admit}). */
  int outSequence(RtpPacket packet) {
    return (packet.sequenceNumber() + seqDelta) & 0xffff;
  }

  /** The timestamp {@code packet} goes out with (call after {@link #admit}). */
  long outTimestamp(RtpPacket packet) {
    return (packet.timestamp() + tsDelta) & 0xffffffffL;
  }

  /** Records that a packet went out with these values. */
  void sent(int outSeq, long outTs, long nowNanos) {
    // Remember the newest packet (sequence numbers compared modulo 2^16, RFC 3550 A.1 style).
    if (((outSeq - lastSeq) & 0xffff) < 0x8000) {
      lastSeq = outSeq;
      lastTs = outTs;
    }
    lastSentNanos = nowNanos;
  }

  int ssrc() {
    return ssrc;
  }
}
