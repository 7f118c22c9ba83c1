package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;

/** Writes the common RTCP header (RFC 3550 section 6.4.1) and the RFC 4585 feedback header. */
final class RtcpHeader {

  /** Bytes of the common header. */
  static final int LENGTH = 4;

  /** Bytes of the RFC 4585 section 6.1 feedback header after the common header: two SSRCs. */
  static final int FEEDBACK_LENGTH = 8;

  /** Largest packet the 16-bit length field can describe. */
  static final int MAX_PACKET_LENGTH = (0xFFFF + 1) * 4;

  private RtcpHeader() {}

  /** Writes V=2, P=0, the 5-bit count or FMT, PT, and the length of a {@code packetLength}-byte packet. */
  static void write(ByteBuf out, int count, int packetType, int packetLength) {
    assert (packetLength & 3) == 0 && packetLength >= LENGTH && packetLength <= MAX_PACKET_LENGTH;
    out.writeByte(0x80 | count);
    out.writeByte(packetType);
    out.writeShort(packetLength / 4 - 1);
  }

  /** Writes the common header followed by the sender and media source SSRCs (RFC 4585 section 6.1). */
  static void writeFeedback(ByteBuf out, int fmt, int packetType, int packetLength, int senderSsrc,
      int mediaSsrc) {
    write(out, fmt, packetType, packetLength);
    out.writeInt(senderSsrc);
    out.writeInt(mediaSsrc);
  }

  /** Rounds up to a multiple of 4. */
  static int align(int length) {
    return (length + 3) & ~3;
  }

  /** Throws unless {@code value} is an unsigned 32-bit number. */
  static long checkUnsigned32(long value, String name) {
    if ((value & ~0xFFFFFFFFL) != 0) {
      throw new IllegalArgumentException(name + " " + value + " is not an unsigned 32-bit value");
    }
    return value;
  }

  /** Throws unless {@code 0 <= value <= max}. */
  static int checkRange(int value, int max, String name) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + " " + value + " is outside 0.." + max);
    }
    return value;
  }

  /** Throws if the packet would not fit the 16-bit length field. */
  static int checkPacketLength(int packetLength) {
    if (packetLength > MAX_PACKET_LENGTH) {
      throw new IllegalArgumentException("RTCP packet of " + packetLength + " bytes is too long");
    }
    return packetLength;
  }
}
