package org.rivulet.elements.webrtc;

import org.rivulet.rtp.RtpPacket;

/**
 * Rewrites the packets of one outgoing media kind so the receiver sees a single continuous stream:
 * our SSRC, our payload type, and sequence numbers and timestamps that continue across a change of
 * source (a reconnection, a switch), as a receiver's jitter buffer needs. Sequence numbers jump by
 * one and timestamps by one frame interval at a switch. Single-threaded (the pipeline's loop).
 */
final class OutboundStream {
  /** Timestamp step assumed at a source switch: 1/30 s at 90 kHz, 20 ms at 48 kHz. */
  private final long switchStep;
  private final int ssrc;
  private int sourceSsrc;
  private boolean started;
  private int seqDelta;
  private long tsDelta;
  private int lastSeq;
  private long lastTs;

  OutboundStream(long ssrc, int clockRate, int initialSeq) {
    this.ssrc = (int) ssrc;
    this.switchStep = Math.max(1, clockRate / 30);
    this.lastSeq = (initialSeq - 1) & 0xffff;
    this.lastTs = 0;
  }

  /** Rewrites {@code packet}'s header in place for payload type {@code payloadType}. */
  void rewrite(RtpPacket packet, int payloadType) {
    int inSeq = packet.sequenceNumber();
    long inTs = packet.timestamp();
    if (!started || packet.ssrc() != sourceSsrc) {
      // A new source: continue right after what the receiver saw last.
      seqDelta = (lastSeq + 1 - inSeq) & 0xffff;
      tsDelta = (lastTs + (started ? switchStep : 0) - inTs) & 0xffffffffL;
      sourceSsrc = packet.ssrc();
      started = true;
    }
    int outSeq = (inSeq + seqDelta) & 0xffff;
    long outTs = (inTs + tsDelta) & 0xffffffffL;
    packet.setSsrc(ssrc);
    packet.setPayloadType(payloadType);
    packet.setSequenceNumber(outSeq);
    packet.setTimestamp(outTs);
    // Remember the newest packet (sequence numbers compared modulo 2^16, RFC 3550 A.1 style).
    if (((outSeq - lastSeq) & 0xffff) < 0x8000) {
      lastSeq = outSeq;
      lastTs = outTs;
    }
  }

  int ssrc() {
    return ssrc;
  }
}
