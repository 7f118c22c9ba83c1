package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * USERNAME (RFC 8489 section 14.3): the user name; for ICE, "remote-ufrag:local-ufrag" as the sender
 * sees it (RFC 8445 section 7.2.2).
 *
 * <p>The value is UTF-8 text padded to four bytes; see {@link StunText} for what the decoder accepts.
 *
 * @param value the text; well-formed UTF-16 (no unpaired surrogates)
 */
public record Username(String value) implements StunAttribute {

  public Username {
    StunText.requireWellFormed(value, "USERNAME");
  }

  @Override
  public int type() {
    return StunAttributeType.USERNAME;
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
