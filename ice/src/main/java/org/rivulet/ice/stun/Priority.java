package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * PRIORITY (RFC 8445 section 7.1.1): the priority a peer-reflexive candidate learned from this check would
 * get. The value is a 32-bit unsigned number.
 *
 * @param value 0 to 2^32 - 1
 */
public record Priority(long value) implements StunAttribute {

  /** Length of the value on the wire. */
  static final int VALUE_LENGTH = 4;

  public Priority {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("PRIORITY is an unsigned 32-bit number, not " + value);
    }
  }

  @Override
  public int type() {
    return StunAttributeType.PRIORITY;
  }

  @Override
  public int valueLength() {
    return VALUE_LENGTH;
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    out.writeInt((int) value);
  }
}
