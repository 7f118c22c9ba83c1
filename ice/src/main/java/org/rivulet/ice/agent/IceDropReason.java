package org.rivulet.ice.agent;

/**
 * Why the agent discarded an inbound STUN message (or answered it with an error instead of acting on it).
 * Counted per agent in {@link IceCounters}; nothing is thrown and no state changes.
 */
public enum IceDropReason {
  /** The decoder rejected the bytes (length, cookie, attribute bounds...): RFC 8489 section 6.3. */
  MALFORMED,
  /** FINGERPRINT present but wrong (RFC 8489 section 14.7). */
  BAD_FINGERPRINT,
  /** A connectivity check or its response without FINGERPRINT, which RFC 8445 section 7.2.2 requires. */
  NO_FINGERPRINT,
  /** MESSAGE-INTEGRITY does not verify with the password (RFC 8489 section 9.1.3); requests get a 401. */
  BAD_INTEGRITY,
  /** USERNAME is not {@code ourUfrag:theirUfrag} (RFC 8445 section 7.3); answered with 401. */
  WRONG_USERNAME,
  /** A Binding request without USERNAME, MESSAGE-INTEGRITY or PRIORITY, or with both role attributes: 400. */
  MISSING_ATTRIBUTE,
  /** A request with unknown comprehension-required attributes: 420 (RFC 8489 section 6.3.1). */
  UNKNOWN_ATTRIBUTE,
  /** A request for a method other than Binding: 400. */
  UNKNOWN_METHOD,
  /** Both agents claim the same role and our tie-breaker wins: 487 (RFC 8445 section 7.3.1.1). */
  ROLE_CONFLICT,
  /** A response whose transaction id matches no request of ours (RELIABILITY.md B2 item 16). */
  UNKNOWN_TRANSACTION,
  /**
   * A response from another address than the request went to, or on another socket (RFC 8445 section
   * 7.2.5.2.1). Ignored: the transaction stays open, so a stray response cannot fail a pair.
   */
  NON_SYMMETRIC_RESPONSE,
  /** A response with an unknown comprehension-required attribute (RFC 8489 section 6.3.3). */
  UNKNOWN_ATTRIBUTE_IN_RESPONSE,
  /** An indication (a keepalive, RFC 8445 section 11): nothing to do. */
  INDICATION,
  /** A STUN message on a socket that is not one of this agent's bases. */
  UNKNOWN_BASE,
  /**
   * An authenticated check from an unknown address while the remote candidates are at their bound and
   * none can be evicted: answered, but no peer-reflexive candidate is learned.
   */
  CANDIDATE_LIMIT
}
