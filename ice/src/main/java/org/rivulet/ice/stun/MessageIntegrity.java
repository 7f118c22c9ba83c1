package org.rivulet.ice.stun;

import static org.rivulet.ice.stun.StunMessage.HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MESSAGE-INTEGRITY attribute (RFC 8489 section 14.5): an HMAC-SHA1 of the message up to the
 * attribute, taken with the header's length field set as if the message ended right after
 * MESSAGE-INTEGRITY, so that FINGERPRINT can follow without changing the HMAC.
 *
 * <pre>
 *  |type|LEN |cookie|id| attributes before MI | MI type/len | HMAC (20) | FINGERPRINT...
 *  |&lt;----------- HMAC input -----------------&gt;|
 *        LEN = offset of MI - 20 + 24 while hashing
 * </pre>
 *
 * <p>For ICE the short-term credential mechanism applies (RFC 8489 section 9.1.1, RFC 8445 section 7.2.2):
 * the key is the password, the peer's ice-pwd to check responses and our own to check requests. ICE
 * passwords are ASCII (RFC 8839 section 5.4), so OpaqueString processing leaves them unchanged and
 * {@link #shortTermKey} is just their bytes.
 *
 * <p>Not thread-safe: an instance keeps one {@link Mac} and scratch arrays so that checking a message
 * allocates nothing. Keep one per event loop, or one per {@link StunEncoder}.
 *
 * <p>Pitfalls: verify before acting on anything in the message, and before releasing the buffer it was
 * decoded from. The comparison takes the same time whatever the bytes
 * ({@link MessageDigest#isEqual}).
 */
public final class MessageIntegrity {

  /** Length of the HMAC-SHA1 value. */
  static final int VALUE_LENGTH = 20;

  /** Length of the whole attribute: type, length and value. */
  static final int ATTRIBUTE_LENGTH = 4 + VALUE_LENGTH;

  private static final String ALGORITHM = "HmacSHA1";

  private final Mac mac;
  private final byte[] computed = new byte[VALUE_LENGTH];
  private final byte[] received = new byte[VALUE_LENGTH];
  // Direct buffers are fed to the Mac through this array: Mac.update(ByteBuffer) would allocate a
  // temporary array on every call.
  private final byte[] scratch = new byte[256];
  private byte[] currentKey;

  public MessageIntegrity() {
    try {
      mac = Mac.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
    }
  }

  /** The short-term credential key for an ICE password: its UTF-8 bytes (RFC 8489 section 9.1.1). */
  public static byte[] shortTermKey(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * True when {@code message} carried MESSAGE-INTEGRITY and its HMAC, keyed with {@code key}, matches the
   * bytes; false when it carried none or the HMAC differs.
   *
   * @param buf the bytes {@code message} was decoded from, from their reader index; does not take
   *     ownership, the caller releases it
   * @param key the HMAC key, for ICE {@link #shortTermKey} of the password
   * @throws IllegalArgumentException if {@code buf} does not hold that message
   */
  public boolean verify(ByteBuf buf, StunMessage message, byte[] key) {
    Objects.requireNonNull(key, "key");
    if (!message.hasMessageIntegrity()) {
      return false;
    }
    message.requireDecodedFrom(buf);
    int start = buf.readerIndex();
    int offset = message.integrityOffset();
    hmac(buf, start, offset, key);
    buf.getBytes(start + offset + 4, received);
    return MessageDigest.isEqual(computed, received);
  }

  /**
   * Appends MESSAGE-INTEGRITY to the message that starts at {@code start} and ends at the writer index,
   * first setting the header's length to include it. Does not take ownership of {@code out}.
   */
  void append(ByteBuf out, int start, byte[] key) {
    int offset = out.writerIndex() - start;
    out.setShort(start + 2, offset + ATTRIBUTE_LENGTH - HEADER_LENGTH);
    hmac(out, start, offset, key);
    out.writeShort(StunAttributeType.MESSAGE_INTEGRITY);
    out.writeShort(VALUE_LENGTH);
    out.writeBytes(computed);
  }

  /**
   * Leaves in {@link #computed} the HMAC of the message at {@code start} up to the MESSAGE-INTEGRITY
   * attribute at {@code start + offset}, with the length field that attribute's end implies.
   */
  private void hmac(ByteBuf buf, int start, int offset, byte[] key) {
    init(key);
    update(buf, start, 2); // message type
    int length = offset + ATTRIBUTE_LENGTH - HEADER_LENGTH; // RFC 8489 section 14.5
    mac.update((byte) (length >>> 8));
    mac.update((byte) length);
    update(buf, start + 4, offset - 4); // cookie, transaction id, attributes before MESSAGE-INTEGRITY
    try {
      mac.doFinal(computed, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the output array is 20 bytes, HMAC-SHA1's length", e);
    }
  }

  private void init(byte[] key) {
    // reset() drops input left over if an earlier call failed half-way; doFinal() resets on success.
    mac.reset();
    if (currentKey != null && Arrays.equals(currentKey, key)) {
      return; // the common case: the same password for message after message
    }
    currentKey = null;
    // HMAC pads a short key with zeros to the block size (RFC 2104 section 2), so an empty key and one
    // zero byte give the same MAC; SecretKeySpec refuses empty keys.
    byte[] material = key.length == 0 ? new byte[1] : key;
    try {
      mac.init(new SecretKeySpec(material, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC accepts keys of any length", e);
    }
    currentKey = key.clone();
  }

  private void update(ByteBuf buf, int index, int length) {
    if (buf.hasArray()) {
      mac.update(buf.array(), buf.arrayOffset() + index, length);
      return;
    }
    while (length > 0) {
      int n = Math.min(length, scratch.length);
      buf.getBytes(index, scratch, 0, n);
      mac.update(scratch, 0, n);
      index += n;
      length -= n;
    }
  }
}
