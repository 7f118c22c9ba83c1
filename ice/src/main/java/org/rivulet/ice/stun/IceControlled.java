package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * ICE-CONTROLLED (RFC 8445 section 7.1.3): the sender believes it is in the controlled role. The value is the
 * sender's 64-bit tie-breaker, compared as an unsigned number when both agents claim the same role
 * (RFC 8445 section 7.3.1.1).
 *
 * @param tieBreaker the 64 bits of the tie-breaker; compare with {@link Long#compareUnsigned}
 */
public record IceControlled(long tieBreaker) implements StunAttribute {

  /** Length of the value on the wire. */
  static final int VALUE_LENGTH = 8;

  @Override
  public int type() {
    return StunAttributeType.ICE_CONTROLLED;
  }

  @Override
  public int valueLength() {
    return VALUE_LENGTH;
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    out.writeLong(tieBreaker);
  }
}
