package org.rivulet.rtp;

/**
 * Why {@link RtpPacket#validate} refused a datagram. The caller counts one of these per dropped
 * packet (per endpoint, exposed in stats); none of them is an exception, because bad input from the
 * network is expected, not a bug.
 *
 * <p>The checks follow RFC 3550 Appendix A.1 and the order in which mediasoup's {@code RtpPacket::Parse}
 * applies them: each declared length is checked against the bytes actually present before it is used.
 */
public enum RtpDropReason {
  /** Fewer than the 12 bytes of the fixed header (RFC 3550 section 5.1). */
  TOO_SHORT,
  /** The version field is not 2. */
  BAD_VERSION,
  /** The CSRC count (CC) declares more identifiers than the bytes after the fixed header hold. */
  BAD_CSRC_COUNT,
  /**
   * X=1, but the 4-byte extension header, or the {@code length} 32-bit words it declares
   * (RFC 3550 section 5.3.1), run past the end of the packet.
   */
  BAD_EXTENSION_LENGTH,
  /**
   * P=1, but there is no byte after the header to hold the padding count, the count is 0 (it
   * includes itself, so it is at least 1), or it is larger than everything after the header
   * (RFC 3550 section 5.1; pion/interceptor GHSA-f26w-gh5m-qq77).
   */
  BAD_PADDING
}
