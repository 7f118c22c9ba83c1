package org.rivulet.ice.agent;

/**
 * What {@link IceAgent#addRemoteCandidate} did with a candidate. Only {@link #MALFORMED} is an error for
 * {@code addIceCandidate} (Kurento answers {@code ICE_ADD_CANDIDATE_ERROR}); the others are successes, some
 * of which ignore the candidate on purpose.
 */
public enum RemoteCandidateOutcome {
  /** Stored, and paired with the local bases it can pair with. */
  ADDED,
  /**
   * Kept until the remote credentials of its generation are set: trickled before the description
   * (RFC 8838, "Receiving Trickled Candidates"), or carrying another {@code ufrag} than the current one.
   */
  QUEUED,
  /** The same transport address and protocol is already known. */
  DUPLICATE,
  /** An empty or null candidate: the peer's end-of-candidates (RFC 8838, "Receiving an
   * End-of-Candidates Indication"). */
  END_OF_CANDIDATES,
  /** An mDNS {@code .local} name, which Rivulet does not resolve; the peer's checks still reach us. */
  IGNORED_MDNS,
  /** A DNS name, which Rivulet does not resolve. */
  IGNORED_HOSTNAME,
  /** A component other than 1: rtcp-mux is assumed, RTCP shares the RTP component. */
  IGNORED_COMPONENT,
  /** A transport other than UDP and TCP. */
  IGNORED_TRANSPORT,
  /** The address is refused by policy (wildcard, multicast, broadcast, port 0 for UDP...). */
  REJECTED_ADDRESS,
  /** The bound on remote candidates (or on queued ones) is reached. */
  REJECTED_LIMIT,
  /** Not a candidate; see {@link CandidateSyntax#parse} for the reason. */
  MALFORMED;

  /** True only for {@link #MALFORMED}: the request to add the candidate was itself wrong. */
  public boolean isError() {
    return this == MALFORMED;
  }
}
