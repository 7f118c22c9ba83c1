package org.rivulet.rtcp;

/**
 * Why {@link RtcpCompound#validate} refused a compound. One bad sub-packet drops the whole compound
 * (as Jitsi Videobridge and Janus do), and the reason names the first thing found wrong. The caller
 * counts it; bad input is never an exception.
 */
public enum RtcpDropReason {
  /** Empty input, or fewer than 4 bytes left where a sub-packet header should start. */
  TOO_SHORT,
  /** A sub-packet whose version field is not 2. */
  BAD_VERSION,
  /** A sub-packet whose {@code (length + 1) * 4} bytes run past the end of the compound. */
  BAD_LENGTH,
  /**
   * The P bit on a sub-packet other than the last, or a padding count of 0 or larger than the
   * sub-packet's body (RFC 3550 sections 6.4.1 and A.2).
   */
  BAD_PADDING,
  /** More sub-packets than {@link RtcpCompound#MAX_PACKETS}. */
  TOO_MANY_PACKETS,
  /** A sender report shorter than its sender info and RC report blocks. */
  BAD_SENDER_REPORT,
  /** A receiver report shorter than its sender SSRC and RC report blocks. */
  BAD_RECEIVER_REPORT,
  /** SDES with fewer chunks than SC, an item running past the packet, no END item, or too many items. */
  BAD_SDES,
  /** BYE with fewer SSRCs than SC, or a reason longer than the bytes left. */
  BAD_BYE,
  /** Generic NACK without FCI entries or with more than {@link RtcpNack#MAX_ITEMS}. */
  BAD_NACK,
  /** PLI shorter than its two SSRCs. */
  BAD_PLI,
  /** FIR without FCI entries or with more than {@link RtcpFir#MAX_ENTRIES}. */
  BAD_FIR,
  /** REMB (identified by 'REMB') shorter than its fixed fields and SSRC list. */
  BAD_REMB,
  /**
   * Transport-cc feedback with a status count of 0 or above
   * {@link RtcpTransportCc#MAX_PACKET_STATUS_COUNT}, or chunks or deltas missing.
   */
  BAD_TRANSPORT_CC
}
