package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * UTF-8 text values: USERNAME, REALM, NONCE, SOFTWARE and the reason phrase of ERROR-CODE (RFC 8489
 * sections 14.3, 14.9, 14.10, 14.14, 14.8).
 *
 * <p>The decoder accepts only well-formed UTF-8 and the records accept only well-formed UTF-16, so a text
 * value decodes and re-encodes to the same bytes. Length limits (for example fewer than 509 bytes for
 * USERNAME) bind the sender; the receiver, the ICE agent, decides what to do with a longer value.
 */
final class StunText {

  private StunText() {}

  /** Rejects null and strings with an unpaired surrogate, which have no UTF-8 form. */
  static String requireWellFormed(String value, String attribute) {
    Objects.requireNonNull(value, attribute);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(attribute + " has an unpaired surrogate at index " + i);
      }
    }
    return value;
  }

  /** Length of the UTF-8 form of a string that passed {@link #requireWellFormed}. */
  static int length(String value) {
    return ByteBufUtil.utf8Bytes(value);
  }

  /** Writes the UTF-8 form at the writer index; does not take ownership of {@code out}. */
  static void write(ByteBuf out, String value) {
    ByteBufUtil.writeUtf8(out, value);
  }

  /** True when {@code [index, index + length)} is well-formed UTF-8 (no overlong forms, no surrogates). */
  static boolean isValid(ByteBuf buf, int index, int length) {
    return ByteBufUtil.isText(buf, index, length, StandardCharsets.UTF_8);
  }

  /** Decodes bytes that {@link #isValid} accepted; does not take ownership of {@code buf}. */
  static String read(ByteBuf buf, int index, int length) {
    return buf.toString(index, length, StandardCharsets.UTF_8);
  }
}
