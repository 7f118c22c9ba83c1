package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * NONCE (RFC 8489 section 14.10): the server's nonce for the long-term credential mechanism (RFC 8489
 * section 9.2); ICE does not use it.
 *
 * <p>The value is UTF-8 text padded to four bytes; see {@link StunText} for what the decoder accepts.
 *
 * @param value the text; well-formed UTF-16 (no unpaired surrogates)
 */
public record Nonce(String value) implements StunAttribute {

  public Nonce {
    StunText.requireWellFormed(value, "NONCE");
  }

  @Override
  public int type() {
    return StunAttributeType.NONCE;
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
