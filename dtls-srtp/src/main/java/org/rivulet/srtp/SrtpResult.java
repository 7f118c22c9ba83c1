package org.rivulet.srtp;

/**
 * What protect or unprotect did with a packet. Anything but {@link #OK} means the buffer's readable
 * bytes and indices are as they were before the call, the per-SSRC state is unchanged, and the packet
 * should be dropped (the caller releases it). Each result is counted once in {@link SrtpCounters}.
 */
public enum SrtpResult {
  /** Protected or unprotected; the buffer now holds the result. */
  OK,
  /** Shorter than the fixed header plus the trailer (index word and tag) the profile needs. */
  TOO_SHORT,
  /** Longer than 65535 bytes, the largest datagram or RFC 4571 frame. */
  TOO_LONG,
  /** Version is not 2, or the CSRC count or header extension length runs past the packet. */
  BAD_HEADER,
  /** SRTCP with the E flag clear: every profile here encrypts SRTCP, so it is a policy drop. */
  NOT_ENCRYPTED,
  /** A new SSRC while the per-SSRC table is full. */
  UNKNOWN_SSRC_LIMIT,
  /** The index was seen before (receiver) or already used under this key (sender). */
  REPLAYED,
  /** The index is behind the replay window, or before the stream's first rollover. */
  TOO_OLD,
  /** The authentication tag did not verify. */
  AUTH_FAILED,
  /** The packet index would pass 2^48 - 1 (SRTP) or 2^31 - 1 (SRTCP): the key must be replaced. */
  KEY_EXHAUSTED
}
