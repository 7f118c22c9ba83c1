package org.rivulet.ice.stun;

import static org.rivulet.ice.stun.StunAttributeType.ERROR_CODE;
import static org.rivulet.ice.stun.StunAttributeType.FINGERPRINT;
import static org.rivulet.ice.stun.StunAttributeType.ICE_CONTROLLED;
import static org.rivulet.ice.stun.StunAttributeType.ICE_CONTROLLING;
import static org.rivulet.ice.stun.StunAttributeType.MAPPED_ADDRESS;
import static org.rivulet.ice.stun.StunAttributeType.MESSAGE_INTEGRITY;
import static org.rivulet.ice.stun.StunAttributeType.NONCE;
import static org.rivulet.ice.stun.StunAttributeType.PRIORITY;
import static org.rivulet.ice.stun.StunAttributeType.REALM;
import static org.rivulet.ice.stun.StunAttributeType.SOFTWARE;
import static org.rivulet.ice.stun.StunAttributeType.UNKNOWN_ATTRIBUTES;
import static org.rivulet.ice.stun.StunAttributeType.USERNAME;
import static org.rivulet.ice.stun.StunAttributeType.USE_CANDIDATE;
import static org.rivulet.ice.stun.StunAttributeType.XOR_MAPPED_ADDRESS;
import static org.rivulet.ice.stun.StunMessage.HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the bytes of one datagram (or one RFC 4571 frame) into a {@link StunMessage}.
 *
 * <pre>
 *   readerIndex                                                      writerIndex
 *   |  header (20)  | attribute | attribute | ... | [MI] | [FINGERPRINT] |
 *   |&lt;------------ exactly 20 + header length bytes, nothing after ------------&gt;|
 * </pre>
 *
 * <p>Checks, in order, each failure returning its {@link StunParseError} and never throwing: the first two
 * bits are zero, at least 20 bytes, the magic cookie, a message length that is a multiple of four and
 * equal to the bytes present, at most {@link #MAX_ATTRIBUTES} attributes, every attribute and its padding
 * inside the message, every known attribute well formed for its type, nothing after FINGERPRINT, and
 * FINGERPRINT (when present) matching the message. FINGERPRINT needs no key, so it is checked here, where
 * RFC 8489 section 6.3 puts it; MESSAGE-INTEGRITY needs the agent's key and is checked afterwards with
 * {@link MessageIntegrity#verify}.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>The decoded message holds no reference to the buffer. Verify MESSAGE-INTEGRITY before releasing
 *       the buffer, with the buffer's reader index where it was when decoding.
 *   <li>Unknown comprehension-required attributes do not fail decoding: a request with some must be
 *       answered with 420 (RFC 8489 section 6.3.1), which needs the decoded request. Check
 *       {@link StunMessage#unknownComprehensionRequired()}.
 * </ul>
 */
public final class StunDecoder {

  /**
   * The most attributes a message may have, MESSAGE-INTEGRITY and FINGERPRINT included. A Binding request
   * from a browser has about six; the bound keeps the work for one datagram small.
   */
  public static final int MAX_ATTRIBUTES = 64;

  private StunDecoder() {}

  /**
   * Decodes the readable bytes of {@code buf} as one STUN message.
   *
   * @param buf the datagram or frame; does not take ownership, the caller releases it. Read with absolute
   *     gets from its reader index; neither index moves.
   * @return the message, or the reason the bytes are not a well-formed message; never null
   */
  public static StunParseResult decode(ByteBuf buf) {
    int start = buf.readerIndex();
    int available = buf.readableBytes();
    if (available == 0) {
      return StunParseResult.failure(StunParseError.TOO_SHORT);
    }
    // RFC 8489 section 5: the two most significant bits are zero. Tested before the length so that a
    // short RTP or RTCP packet (first byte 128 to 191, RFC 7983) counts as not STUN rather than as short.
    if ((buf.getUnsignedByte(start) & 0xC0) != 0) {
      return StunParseResult.failure(StunParseError.NOT_STUN);
    }
    if (available < HEADER_LENGTH) {
      return StunParseResult.failure(StunParseError.TOO_SHORT);
    }
    if (buf.getInt(start + 4) != StunMessage.MAGIC_COOKIE) {
      return StunParseResult.failure(StunParseError.BAD_MAGIC_COOKIE);
    }
    int length = buf.getUnsignedShort(start + 2);
    if ((length & 3) != 0 || HEADER_LENGTH + length != available) {
      return StunParseResult.failure(StunParseError.BAD_LENGTH);
    }
    int type = buf.getUnsignedShort(start);
    TransactionId transactionId = TransactionId.read(buf, start + 8);

    List<StunAttribute> attributes = new ArrayList<>(8);
    int integrityOffset = -1;
    int fingerprintOffset = -1;
    int count = 0;
    int end = HEADER_LENGTH + length;
    int offset = HEADER_LENGTH;
    while (offset < end) {
      if (++count > MAX_ATTRIBUTES) {
        return StunParseResult.failure(StunParseError.TOO_MANY_ATTRIBUTES);
      }
      if (fingerprintOffset >= 0) {
        return StunParseResult.failure(StunParseError.ATTRIBUTE_AFTER_FINGERPRINT);
      }
      // Offsets stay a multiple of four and end is one, so end - offset is 0 or at least 4: the
      // attribute header itself is always inside the message.
      int attributeType = buf.getUnsignedShort(start + offset);
      int valueLength = buf.getUnsignedShort(start + offset + 2);
      int next = offset + 4 + padded(valueLength);
      if (next > end) {
        return StunParseResult.failure(StunParseError.BAD_ATTRIBUTE_LENGTH);
      }
      int value = start + offset + 4;
      if (attributeType == FINGERPRINT) {
        if (valueLength != Fingerprint.VALUE_LENGTH) {
          return StunParseResult.failure(StunParseError.BAD_ATTRIBUTE_VALUE);
        }
        fingerprintOffset = offset;
      } else if (integrityOffset >= 0) {
        // RFC 8489 section 14.5: apart from FINGERPRINT (and MESSAGE-INTEGRITY-SHA256, which this package
        // does not implement), attributes after MESSAGE-INTEGRITY are ignored. They are still bounded and
        // counted above.
      } else if (attributeType == MESSAGE_INTEGRITY) {
        if (valueLength != MessageIntegrity.VALUE_LENGTH) {
          return StunParseResult.failure(StunParseError.BAD_ATTRIBUTE_VALUE);
        }
        integrityOffset = offset;
      } else {
        StunParseError error = check(attributeType, buf, value, valueLength);
        if (error != null) {
          return StunParseResult.failure(error);
        }
        attributes.add(read(attributeType, buf, value, valueLength, transactionId));
      }
      offset = next;
    }
    if (fingerprintOffset >= 0 && !Fingerprint.matches(buf, start, fingerprintOffset)) {
      return StunParseResult.failure(StunParseError.BAD_FINGERPRINT);
    }
    return StunParseResult.success(new StunMessage(StunMessageType.messageClass(type),
        StunMessageType.method(type), transactionId, Collections.unmodifiableList(attributes),
        integrityOffset, fingerprintOffset, available));
  }

  /** The value length rounded up to four bytes (RFC 8489 section 14). */
  static int padded(int valueLength) {
    return (valueLength + 3) & ~3;
  }

  /**
   * Checks the value of an attribute other than MESSAGE-INTEGRITY and FINGERPRINT: null when
   * {@link #read} may decode it, otherwise the reason it is malformed. Reads only inside the value.
   */
  private static StunParseError check(int type, ByteBuf buf, int index, int length) {
    return switch (type) {
      case MAPPED_ADDRESS, XOR_MAPPED_ADDRESS -> StunAddressCodec.check(buf, index, length);
      case USERNAME, REALM, NONCE, SOFTWARE ->
          StunText.isValid(buf, index, length) ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
      case ERROR_CODE -> checkErrorCode(buf, index, length);
      case UNKNOWN_ATTRIBUTES -> (length & 1) == 0 ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
      case PRIORITY -> length == Priority.VALUE_LENGTH ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
      case USE_CANDIDATE -> length == 0 ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
      case ICE_CONTROLLED, ICE_CONTROLLING ->
          length == IceControlled.VALUE_LENGTH ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
      default -> null; // kept as a RawAttribute
    };
  }

  /** RFC 8489 section 14.8: class 3 to 6, number 0 to 99, a UTF-8 reason phrase. */
  private static StunParseError checkErrorCode(ByteBuf buf, int index, int length) {
    if (length < 4) {
      return StunParseError.BAD_ATTRIBUTE_VALUE;
    }
    int errorClass = buf.getUnsignedByte(index + 2) & 0x07; // the bits above are reserved
    int number = buf.getUnsignedByte(index + 3);
    if (errorClass < 3 || errorClass > 6 || number > 99 || !StunText.isValid(buf, index + 4, length - 4)) {
      return StunParseError.BAD_ATTRIBUTE_VALUE;
    }
    return null;
  }

  /** Decodes a value that {@link #check} accepted. */
  private static StunAttribute read(int type, ByteBuf buf, int index, int length, TransactionId id) {
    return switch (type) {
      case MAPPED_ADDRESS -> new MappedAddress(StunAddressCodec.read(buf, index, null));
      case XOR_MAPPED_ADDRESS -> new XorMappedAddress(StunAddressCodec.read(buf, index, id));
      case USERNAME -> new Username(StunText.read(buf, index, length));
      case REALM -> new Realm(StunText.read(buf, index, length));
      case NONCE -> new Nonce(StunText.read(buf, index, length));
      case SOFTWARE -> new Software(StunText.read(buf, index, length));
      case ERROR_CODE -> new ErrorCode(
          (buf.getUnsignedByte(index + 2) & 0x07) * 100 + buf.getUnsignedByte(index + 3),
          StunText.read(buf, index + 4, length - 4));
      case UNKNOWN_ATTRIBUTES -> readUnknownAttributes(buf, index, length);
      case PRIORITY -> new Priority(buf.getUnsignedInt(index));
      case USE_CANDIDATE -> UseCandidate.INSTANCE;
      case ICE_CONTROLLED -> new IceControlled(buf.getLong(index));
      case ICE_CONTROLLING -> new IceControlling(buf.getLong(index));
      default -> new RawAttribute(type, ByteBufUtil.getBytes(buf, index, length));
    };
  }

  private static UnknownAttributes readUnknownAttributes(ByteBuf buf, int index, int length) {
    List<Integer> types = new ArrayList<>(length / 2);
    for (int i = 0; i < length; i += 2) {
      types.add(buf.getUnsignedShort(index + i));
    }
    return new UnknownAttributes(types);
  }
}
