package org.rivulet.ice.stun;

import static org.rivulet.ice.stun.StunMessage.HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * The FINGERPRINT attribute (RFC 8489 section 14.7): the CRC-32 of the message up to the attribute,
 * XORed with 0x5354554E. It must be the last attribute, and the header's length field counts it when the
 * CRC is taken. It tells STUN apart from other protocols on the same port (RFC 8489 section 7); it
 * authenticates nothing.
 *
 * <pre>
 *  +------------------+------------------+
 *  |  type 0x8028     |  length 4        |
 *  +------------------+------------------+
 *  |  CRC-32(message before this) ^ 0x5354554E |
 *  +-------------------------------------+
 * </pre>
 *
 * <p>{@link StunDecoder} already rejects a message whose FINGERPRINT does not match, with
 * {@link StunParseError#BAD_FINGERPRINT}; {@link #verify} is for callers that hold the bytes and the
 * message and want the check stated. Stateless and thread-safe.
 */
public final class Fingerprint {

  /** The value XORed into the CRC-32 (RFC 8489 section 14.7). */
  static final int XOR = 0x5354554E;

  /** Length of the value on the wire. */
  static final int VALUE_LENGTH = 4;

  /** Length of the whole attribute: type, length and value. */
  static final int ATTRIBUTE_LENGTH = 4 + VALUE_LENGTH;

  private Fingerprint() {}

  /**
   * True when {@code message} carried FINGERPRINT and it matches {@code buf}; false when it carried none.
   *
   * @param buf the bytes {@code message} was decoded from, from their reader index; does not take
   *     ownership, the caller releases it
   * @throws IllegalArgumentException if {@code buf} does not hold that message
   */
  public static boolean verify(ByteBuf buf, StunMessage message) {
    if (!message.hasFingerprint()) {
      return false;
    }
    message.requireDecodedFrom(buf);
    return matches(buf, buf.readerIndex(), message.fingerprintOffset());
  }

  /** Compares the FINGERPRINT value at {@code start + offset} with the CRC of the bytes before it. */
  static boolean matches(ByteBuf buf, int start, int offset) {
    return compute(buf, start, offset) == buf.getInt(start + offset + 4);
  }

  /**
   * Appends FINGERPRINT to the message that starts at {@code start} and ends at the writer index, first
   * setting the header's length to include it. Does not take ownership of {@code out}.
   */
  static void append(ByteBuf out, int start) {
    int offset = out.writerIndex() - start;
    out.setShort(start + 2, offset + ATTRIBUTE_LENGTH - HEADER_LENGTH);
    int value = compute(out, start, offset);
    out.writeShort(StunAttributeType.FINGERPRINT);
    out.writeShort(VALUE_LENGTH);
    out.writeInt(value);
  }

  /** CRC-32 of {@code [index, index + length)} XORed with {@link #XOR}. */
  static int compute(ByteBuf buf, int index, int length) {
    CRC32 crc = new CRC32();
    if (buf.hasArray()) {
      crc.update(buf.array(), buf.arrayOffset() + index, length);
    } else {
      // A view of direct memory, which CRC32 reads without copying.
      crc.update(buf.nioBuffer(index, length));
    }
    return (int) crc.getValue() ^ XOR;
  }
}
