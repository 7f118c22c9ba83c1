package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Picture Loss Indication, PSFB FMT=1 (RFC 4585 section 6.3.1): the receiver lost part of a picture
 * and asks the sender for a decodable one (in practice, a keyframe). No FCI.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=206      |          length=2             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The RFC fixes the length at 2; longer packets are accepted and their extra bytes ignored, as
 * libwebrtc does.
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc SSRC of the media source that should send a new picture
 */
public record RtcpPli(int senderSsrc, int mediaSsrc) implements RtcpPacket {

  /** The FMT of a PLI. */
  public static final int FMT = 1;

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed).
   *
   * @return the PLI, or {@code null} if the two SSRCs are not there
   */
  static RtcpPli parse(ByteBuf buf, int index, int length) {
    if (length < RtcpHeader.FEEDBACK_LENGTH) {
      return null;
    }
    return new RtcpPli(buf.getInt(index), buf.getInt(index + 4));
  }

  @Override
  public int packetType() {
    return PSFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_LENGTH;
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.writeFeedback(out, FMT, PSFB, encodedLength(), senderSsrc, mediaSsrc);
  }
}
