package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * UNKNOWN-ATTRIBUTES (RFC 8489 section 14.13): the comprehension-required attribute types a request
 * carried that the responder did not understand, sent in a 420 error response. The value is a list of
 * 16-bit types; {@link StunMessage#unknownComprehensionRequired()} gives the list to answer with.
 *
 * @param types attribute types, each 0 to 0xFFFF; copied
 */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {

  public UnknownAttributes {
    types = List.copyOf(types);
    for (int t : types) {
      if (t < 0 || t > 0xFFFF) {
        throw new IllegalArgumentException("attribute types are 16 bits, not " + t);
      }
    }
  }

  @Override
  public int type() {
    return StunAttributeType.UNKNOWN_ATTRIBUTES;
  }

  @Override
  public int valueLength() {
    return 2 * types.size();
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    for (int t : types) {
      out.writeShort(t);
    }
  }
}
