package org.rivulet.ice.stun;

import static org.rivulet.ice.stun.StunMessage.HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * Writes a {@link StunMessage} in wire form, then appends MESSAGE-INTEGRITY and FINGERPRINT when asked,
 * setting the header's length before each so that the HMAC and the CRC cover the right length (RFC 8489
 * sections 14.5 and 14.7).
 *
 * <pre>
 *   | header | attributes() in order, zero-padded | [MESSAGE-INTEGRITY] | [FINGERPRINT] |
 *   header length: the attributes, then + 24 before the HMAC, then + 8 before the CRC
 * </pre>
 *
 * <p>{@link StunMessage#hasMessageIntegrity()} and {@link StunMessage#hasFingerprint()} are not consulted:
 * the arguments say what to append. An ICE agent appends both to every connectivity check and to its
 * response (RFC 8445 section 7).
 *
 * <p>Not thread-safe: it keeps a {@link MessageIntegrity}. Keep one per event loop.
 */
public final class StunEncoder {

  private final MessageIntegrity integrity;

  /** An encoder with its own {@link MessageIntegrity}. */
  public StunEncoder() {
    this(new MessageIntegrity());
  }

  /**
   * An encoder that shares {@code integrity} (and its {@code Mac}) with the verifying side of the same
   * event loop.
   */
  public StunEncoder(MessageIntegrity integrity) {
    this.integrity = Objects.requireNonNull(integrity, "integrity");
  }

  /**
   * The number of bytes {@link #encode} writes.
   *
   * @throws IllegalArgumentException if the message would not fit the 16-bit length field or would have
   *     more attributes than {@link StunDecoder#MAX_ATTRIBUTES}, so could not be decoded by a peer that
   *     applies the same bound
   */
  public int encodedLength(StunMessage message, boolean messageIntegrity, boolean fingerprint) {
    int attributes = message.attributes().size() + (messageIntegrity ? 1 : 0) + (fingerprint ? 1 : 0);
    if (attributes > StunDecoder.MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(attributes + " attributes, more than " + StunDecoder.MAX_ATTRIBUTES);
    }
    long body = 0;
    for (StunAttribute attribute : message.attributes()) {
      body += 4 + StunDecoder.padded(attribute.valueLength());
    }
    body += (messageIntegrity ? MessageIntegrity.ATTRIBUTE_LENGTH : 0)
        + (fingerprint ? Fingerprint.ATTRIBUTE_LENGTH : 0);
    if (body > 0xFFFF) {
      throw new IllegalArgumentException("attributes take " + body + " bytes, more than the 65535 the "
          + "header's length field can hold");
    }
    return HEADER_LENGTH + (int) body;
  }

  /**
   * Encodes {@code message} into a new buffer of exactly the right size.
   *
   * @param integrityKey the MESSAGE-INTEGRITY key ({@link MessageIntegrity#shortTermKey} of the password
   *     for ICE), or null to send no MESSAGE-INTEGRITY
   * @param fingerprint whether to append FINGERPRINT
   * @param alloc where the buffer comes from
   * @return a buffer holding the message from reader index to writer index; the caller owns it and
   *     releases it (or passes it on to a channel, which does)
   * @throws IllegalArgumentException as {@link #encodedLength}; nothing is allocated then
   */
  public ByteBuf encode(StunMessage message, byte[] integrityKey, boolean fingerprint, ByteBufAllocator alloc) {
    int length = encodedLength(message, integrityKey != null, fingerprint);
    ByteBuf out = alloc.buffer(length);
    boolean done = false;
    try {
      write(message, integrityKey, fingerprint, out);
      done = true;
      return out;
    } finally {
      if (!done) {
        out.release();
      }
    }
  }

  /**
   * Encodes {@code message} at the writer index of {@code out}, growing it if needed.
   *
   * @param out the destination; does not take ownership, the caller releases it
   * @throws IllegalArgumentException as {@link #encodedLength}; nothing is written then
   */
  public void encode(StunMessage message, byte[] integrityKey, boolean fingerprint, ByteBuf out) {
    out.ensureWritable(encodedLength(message, integrityKey != null, fingerprint));
    write(message, integrityKey, fingerprint, out);
  }

  private void write(StunMessage message, byte[] integrityKey, boolean fingerprint, ByteBuf out) {
    int start = out.writerIndex();
    TransactionId id = message.transactionId();
    out.writeShort(StunMessageType.of(message.messageClass(), message.method()));
    out.writeShort(0); // set once the attributes are written
    out.writeInt(StunMessage.MAGIC_COOKIE);
    id.write(out);
    for (StunAttribute attribute : message.attributes()) {
      int valueLength = attribute.valueLength();
      out.writeShort(attribute.type());
      out.writeShort(valueLength);
      int valueStart = out.writerIndex();
      attribute.writeValue(out, id);
      if (out.writerIndex() - valueStart != valueLength) {
        throw new IllegalStateException(attribute + " wrote " + (out.writerIndex() - valueStart)
            + " bytes, not the " + valueLength + " it announced");
      }
      out.writeZero(StunDecoder.padded(valueLength) - valueLength); // RFC 8489 section 14: zero padding
    }
    out.setShort(start + 2, out.writerIndex() - start - HEADER_LENGTH);
    if (integrityKey != null) {
      integrity.append(out, start, integrityKey);
    }
    if (fingerprint) {
      Fingerprint.append(out, start);
    }
  }
}
