package org.rivulet.loadgen.sfu;

import io.netty.buffer.ByteBuf;
import org.rivulet.rtp.RtpPacket;

/**
 * The publisher's send time ({@link System#nanoTime()}, 8 bytes) appended at the end of each RTP
 * payload. At the end because the server forwards payload bytes unchanged but may read the start
 * (the VP8 payload descriptor, to find keyframes). Both ends run in one process, so the clocks are
 * the same.
 */
final class LatencyTrailer {
  static final int LENGTH = 8;

  private LatencyTrailer() {
  }

  /**
   * Appends the current time to an RTP packet without padding (the writer index is its end);
   * returns that time.
   */
  static long append(ByteBuf rtp) {
    long now = System.nanoTime();
    rtp.writeLong(now);
    return now;
  }

  /** The send time in a received packet, or -1 when it has none (too short, not RTP). */
  static long read(ByteBuf rtp) {
    RtpPacket packet = RtpPacket.parse(rtp);
    if (packet == null || packet.payloadLength() < LENGTH) {
      return -1;
    }
    return rtp.getLong(packet.payloadOffset() + packet.payloadLength() - LENGTH);
  }
}
