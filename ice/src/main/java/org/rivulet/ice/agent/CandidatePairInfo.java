package org.rivulet.ice.agent;

/**
 * A snapshot of a candidate pair, for {@code NewCandidatePairSelected} and Kurento's
 * {@code ICECandidatePairs} property.
 *
 * @param local the local candidate: a host candidate (the base packets leave from)
 * @param remote the remote candidate
 * @param state the pair's state when the snapshot was taken
 * @param nominated whether the pair is nominated (RFC 8445 section 8.1.1)
 * @param priority the pair priority (RFC 8445 section 6.1.2.3)
 */
public record CandidatePairInfo(LocalCandidate local, RemoteCandidate remote, CandidatePairState state,
    boolean nominated, long priority) {

  /** The local candidate's trickle form, Kurento's {@code IceCandidatePair.localCandidate}. */
  public String localCandidateString() {
    return local.candidateString();
  }

  /** The remote candidate's trickle form, Kurento's {@code IceCandidatePair.remoteCandidate}. */
  public String remoteCandidateString() {
    return remote.candidateString();
  }
}
