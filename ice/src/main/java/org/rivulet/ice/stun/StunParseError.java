package org.rivulet.ice.stun;

/**
 * Why {@link StunDecoder} rejected a datagram. The ICE agent counts each reason as a drop reason; none of
 * them is an exception.
 */
public enum StunParseError {
  /** Fewer than the 20 header bytes (RFC 8489 section 5). */
  TOO_SHORT,
  /**
   * One of the two most significant bits is set: not STUN. RFC 8489 section 5 requires them to be zero,
   * which is how RFC 7983 tells STUN from DTLS and RTP.
   */
  NOT_STUN,
  /** The magic cookie is not 0x2112A442, for example an RFC 3489 message (RFC 8489 section 5). */
  BAD_MAGIC_COOKIE,
  /**
   * The header's message length is not a multiple of four, or does not equal the bytes after the header
   * (RFC 8489 section 5: one message per datagram or frame).
   */
  BAD_LENGTH,
  /** An attribute's value or padding runs past the end of the message (RFC 8489 section 14). */
  BAD_ATTRIBUTE_LENGTH,
  /** More than {@link StunDecoder#MAX_ATTRIBUTES} attributes, a bound on the work one datagram causes. */
  TOO_MANY_ATTRIBUTES,
  /**
   * An attribute lies within the message but its value is wrong for its type: a fixed-size attribute of
   * another size, text that is not UTF-8, an error code outside 300 to 699, an odd-length
   * UNKNOWN-ATTRIBUTES, or an address whose length does not match its family.
   */
  BAD_ATTRIBUTE_VALUE,
  /** MAPPED-ADDRESS or XOR-MAPPED-ADDRESS with a family other than 0x01 and 0x02 (RFC 8489 section 14.1). */
  BAD_ADDRESS_FAMILY,
  /** An attribute follows FINGERPRINT, which must be last (RFC 8489 section 14.7). */
  ATTRIBUTE_AFTER_FINGERPRINT,
  /** FINGERPRINT is present and does not match the message (RFC 8489 section 14.7). */
  BAD_FINGERPRINT
}
