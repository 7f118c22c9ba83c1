package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * REALM (RFC 8489 section 14.9): the realm of the long-term credential mechanism (RFC 8489 section
 * 9.2); ICE does not use it.
 *
 * <p>The value is UTF-8 text padded to four bytes; see {@link StunText} for what the decoder accepts.
 *
 * @param value the text; well-formed UTF-16 (no unpaired surrogates)
 */
public record Realm(String value) implements StunAttribute {

  public Realm {
    StunText.requireWellFormed(value, "REALM");
  }

  @Override
  public int type() {
    return StunAttributeType.REALM;
  }

  @Override
  public int valueLength() {
    return StunText.length(value);
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    StunText.write(out, value);
  }
}
