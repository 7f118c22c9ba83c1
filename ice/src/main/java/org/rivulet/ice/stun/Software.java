package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * SOFTWARE (RFC 8489 section 14.14): a textual description of the sender's software, for diagnostics only.
 *
 * <p>The value is UTF-8 text padded to four bytes; see {@link StunText} for what the decoder accepts.
 *
 * @param value the text; well-formed UTF-16 (no unpaired surrogates)
 */
public record Software(String value) implements StunAttribute {

  public Software {
    StunText.requireWellFormed(value, "SOFTWARE");
  }

  @Override
  public int type() {
    return StunAttributeType.SOFTWARE;
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
