package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;

/**
 * One attribute of a STUN message (RFC 8489 section 14): a type, a length and a value padded to a multiple
 * of four bytes.
 *
 * <pre>
 *  +----------------+----------------+
 *  |  type (16)     |  length (16)   |   length counts the value, not the padding
 *  +----------------+----------------+
 *  |  value ... | padding to 4 bytes |
 *  +---------------------------------+
 * </pre>
 *
 * <p>Each implementation is an immutable value that holds no buffer. MESSAGE-INTEGRITY and FINGERPRINT
 * are not attributes in this model: {@link StunEncoder} computes them and {@link MessageIntegrity} and
 * {@link Fingerprint} check them. Attributes this package does not interpret arrive as
 * {@link RawAttribute}.
 */
public sealed interface StunAttribute
    permits MappedAddress, XorMappedAddress, Username, ErrorCode, UnknownAttributes, Realm, Nonce,
        Software, Priority, UseCandidate, IceControlled, IceControlling, RawAttribute {

  /** The attribute type; see {@link StunAttributeType}. */
  int type();

  /** Length of the value in bytes, without padding. */
  int valueLength();

  /**
   * Writes the value, exactly {@link #valueLength()} bytes without type, length or padding, at the writer
   * index of {@code out}.
   *
   * @param out the destination; does not take ownership, the caller releases it
   * @param transactionId the id of the message being written, which XOR-MAPPED-ADDRESS mixes into IPv6
   *     addresses (RFC 8489 section 14.2); other attributes ignore it
   */
  void writeValue(ByteBuf out, TransactionId transactionId);
}
