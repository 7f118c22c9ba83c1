package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 section 2.2): an
 * application-layer feedback message (PSFB FMT=15, RFC 4585 section 6.4) tagged 'REMB', carrying the
 * total bitrate the receiver estimates it can take for the listed SSRCs.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback, Num SSRC times                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The bitrate is {@code mantissa * 2^exp} bits per second. Exponent and mantissa are kept as sent,
 * so a packet writes back exactly; {@link #bitrate()} saturates, since a 6-bit exponent over an
 * 18-bit mantissa can exceed 2^63 (RELIABILITY.md B7 item 76: callers cap it at their configured
 * maximum). Num SSRC is checked against the bytes present (Janus, mediasoup).
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc the media source field, 0 per the draft, kept as received
 * @param exponent BR Exp, 0..63
 * @param mantissa BR Mantissa, 0..2^18-1
 * @param ssrcs the SSRCs the estimate applies to, at most {@value #MAX_SSRCS}
 */
public record RtcpRemb(int senderSsrc, int mediaSsrc, int exponent, int mantissa,
    List<Integer> ssrcs) implements RtcpPacket {

  /** Application-layer feedback FMT (RFC 4585 section 6.4). */
  public static final int FMT = 15;

  /** The 8-bit Num SSRC field's limit. */
  public static final int MAX_SSRCS = 255;

  /** 'R' 'E' 'M' 'B' as a big-endian int. */
  static final int IDENTIFIER = 0x52454D42;

  private static final int FIXED_LENGTH = RtcpHeader.FEEDBACK_LENGTH + 8;
  private static final int MANTISSA_BITS = 18;

  /**
   * Checks ranges and copies the list.
   *
   * @throws IllegalArgumentException if a field does not fit, or there are more than 255 SSRCs
   */
  public RtcpRemb {
    RtcpHeader.checkRange(exponent, 63, "REMB exponent");
    RtcpHeader.checkRange(mantissa, (1 << MANTISSA_BITS) - 1, "REMB mantissa");
    ssrcs = List.copyOf(ssrcs);
    RtcpHeader.checkRange(ssrcs.size(), MAX_SSRCS, "REMB SSRCs");
  }

  /**
   * A REMB announcing {@code bitrate} bits per second for {@code ssrcs}, media source field 0. The
   * bitrate is rounded down to what an 18-bit mantissa can express.
   *
   * @throws IllegalArgumentException if {@code bitrate} is negative or there are more than 255 SSRCs
   */
  public static RtcpRemb of(int senderSsrc, long bitrate, List<Integer> ssrcs) {
    if (bitrate < 0) {
      throw new IllegalArgumentException("REMB bitrate " + bitrate);
    }
    int exponent = Math.max(0, 64 - Long.numberOfLeadingZeros(bitrate) - MANTISSA_BITS);
    return new RtcpRemb(senderSsrc, 0, exponent, (int) (bitrate >>> exponent), ssrcs);
  }

  /** Whether an application-layer feedback body carries the 'REMB' identifier. */
  static boolean isRemb(ByteBuf buf, int index, int length) {
    return length >= RtcpHeader.FEEDBACK_LENGTH + 4
        && buf.getInt(index + RtcpHeader.FEEDBACK_LENGTH) == IDENTIFIER;
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed) of a packet for which {@link #isRemb} holds.
   *
   * @return the REMB, or {@code null} if the fixed fields or the Num SSRC SSRCs are not all there
   */
  static RtcpRemb parse(ByteBuf buf, int index, int length) {
    if (length < FIXED_LENGTH) {
      return null;
    }
    int count = buf.getUnsignedByte(index + 12);
    if (length < FIXED_LENGTH + 4 * count) {
      return null;
    }
    int bitrate = buf.getUnsignedMedium(index + 13);
    List<Integer> ssrcs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ssrcs.add(buf.getInt(index + FIXED_LENGTH + 4 * i));
    }
    return new RtcpRemb(buf.getInt(index), buf.getInt(index + 4), bitrate >>> MANTISSA_BITS,
        bitrate & ((1 << MANTISSA_BITS) - 1), ssrcs);
  }

  /** {@code mantissa * 2^exponent} bits per second, or {@link Long#MAX_VALUE} if that overflows. */
  public long bitrate() {
    if (mantissa == 0) {
      return 0;
    }
    if (exponent >= Long.numberOfLeadingZeros(mantissa)) {
      return Long.MAX_VALUE;
    }
    return (long) mantissa << exponent;
  }

  @Override
  public int packetType() {
    return PSFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + FIXED_LENGTH + 4 * ssrcs.size();
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.writeFeedback(out, FMT, PSFB, encodedLength(), senderSsrc, mediaSsrc);
    out.writeInt(IDENTIFIER);
    out.writeByte(ssrcs.size());
    out.writeMedium(exponent << MANTISSA_BITS | mantissa);
    for (int ssrc : ssrcs) {
      out.writeInt(ssrc);
    }
  }
}
