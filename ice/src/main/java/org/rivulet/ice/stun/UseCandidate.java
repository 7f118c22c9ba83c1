package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * USE-CANDIDATE (RFC 8445 section 7.1.2): the controlling agent nominates the pair this check is sent on.
 * It has no value.
 */
public record UseCandidate() implements StunAttribute {

  /** The one value there is; any instance equals it. */
  public static final UseCandidate INSTANCE = new UseCandidate();

  @Override
  public int type() {
    return StunAttributeType.USE_CANDIDATE;
  }

  @Override
  public int valueLength() {
    return 0;
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    // Empty value: nothing to write.
  }
}
