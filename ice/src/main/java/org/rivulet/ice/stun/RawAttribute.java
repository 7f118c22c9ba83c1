package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An attribute this package does not interpret, kept as its type and value bytes (RFC 8489 section 14).
 * Comprehension-optional ones may be ignored; comprehension-required ones are also listed by
 * {@link StunMessage#unknownComprehensionRequired()} so that the agent can answer 420.
 *
 * <p>The value is copied in and out, so an instance holds no buffer and cannot be changed.
 *
 * @param type an attribute type {@link StunAttributeType#isKnown} rejects, 0 to 0xFFFF
 * @param value the value without padding
 */
public record RawAttribute(int type, byte[] value) implements StunAttribute {

  public RawAttribute {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("attribute types are 16 bits, not " + type);
    }
    if (StunAttributeType.isKnown(type)) {
      // A raw value under a known type could hold what the decoder rejects for that type, so
      // encoding would produce a message this package cannot read back.
      throw new IllegalArgumentException(StunAttributeType.name(type) + " has its own attribute class");
    }
    value = Objects.requireNonNull(value, "value").clone();
  }

  /** A copy of the value. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** True when the type is 0x0000 to 0x7FFF. */
  public boolean isComprehensionRequired() {
    return StunAttributeType.isComprehensionRequired(type);
  }

  @Override
  public int valueLength() {
    return value.length;
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    out.writeBytes(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawAttribute that && type == that.type && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "RawAttribute[type=" + StunAttributeType.name(type) + ", value=" + HexFormat.of().formatHex(value) + "]";
  }
}
