package org.rivulet.transport.demux;

import io.netty.buffer.ByteBuf;

/**
 * Tells RTCP from RTP when both share one port (rtcp-mux, RFC 5761).
 *
 * <p>RFC 5761 section 4: the second byte of an RTCP packet is its packet type, and the types in use
 * (SR 200 .. XR 207, and the feedback types 205/206) lie in 192..223. In an RTP packet the same byte is
 * the marker bit followed by the payload type, and payload types 64..95 must not be used with rtcp-mux,
 * precisely so that this byte never falls in 192..223. Hence: second byte in 192..223 means RTCP.
 */
public final class RtcpMux {

  private RtcpMux() {}

  /**
   * Whether the packet at the buffer's reader index is RTCP rather than RTP.
   *
   * <p>Does not take ownership of {@code packet} and does not move its indices; the caller releases it.
   * A packet of fewer than two readable bytes is reported as RTP (not RTCP): it cannot be either, and
   * the RTP parser, which checks every length, drops it.
   *
   * @param packet an RTP or RTCP packet whose first byte is in 128..191 (see {@link PacketKind})
   */
  public static boolean isRtcp(ByteBuf packet) {
    if (packet.readableBytes() < 2) {
      return false;
    }
    return isRtcpSecondByte(packet.getUnsignedByte(packet.readerIndex() + 1));
  }

  /**
   * Whether {@code secondByte} (unsigned, 0..255) is an RTCP packet type under RFC 5761 section 4.
   */
  public static boolean isRtcpSecondByte(int secondByte) {
    return secondByte >= 192 && secondByte <= 223;
  }
}
