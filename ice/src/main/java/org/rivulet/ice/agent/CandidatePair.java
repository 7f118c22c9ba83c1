package org.rivulet.ice.agent;

import java.net.InetSocketAddress;

/**
 * A local base and a remote candidate, with the check state of RFC 8445 section 6.1.2. Mutable; owned by
 * the {@link CheckList} and touched only on the agent's thread.
 */
final class CandidatePair {

  final LocalCandidate local;
  private RemoteCandidate remote;
  private String foundation;
  private long priority;
  CandidatePairState state = CandidatePairState.FROZEN;
  /**
   * False for a signalled {@code tcptype active} remote candidate: the peer connects to us, so we never
   * send the first check; the connection shows up as a peer-reflexive candidate instead.
   */
  final boolean checkable;
  /** RFC 8445 section 8.1.1: the pair is nominated (and valid). */
  boolean nominated;
  /** Controlled role: USE-CANDIDATE arrived before our own check succeeded (RFC 8445 section 7.3.1.5). */
  boolean nominateOnSuccess;
  /** Controlling role, regular nomination: the next check on this pair carries USE-CANDIDATE. */
  boolean nominationRequested;
  /** In the triggered-check queue (RFC 8445 section 6.1.4.1). */
  boolean triggered;
  /** The peer sent an authenticated check on this pair, which validates its address for media. */
  boolean requestReceived;
  /** {@link IceAgentListener#onRemoteAddressValidated} was called for this pair. */
  boolean validationReported;
  /** The outstanding ordinary, triggered or nomination check, or null. */
  StunTransaction activeCheck;

  CandidatePair(LocalCandidate local, RemoteCandidate remote, IceRole role) {
    if (!local.isBase()) {
      throw new IllegalArgumentException("pairs are formed with bases only: " + local);
    }
    this.local = local;
    this.checkable = remote.tcpType() != TcpType.ACTIVE || remote.type() == CandidateType.PEER_REFLEXIVE;
    setRemote(remote, role);
  }

  RemoteCandidate remote() {
    return remote;
  }

  /** Replaces the remote candidate (a peer-reflexive one the peer signalled later) and the priority. */
  void setRemote(RemoteCandidate remote, IceRole role) {
    this.remote = remote;
    this.foundation = local.foundation() + ":" + remote.foundation();
    updatePriority(role);
  }

  /** RFC 8445 section 6.1.2.2: local and remote foundations together. */
  String foundation() {
    return foundation;
  }

  long priority() {
    return priority;
  }

  /** Recomputes the priority for {@code role} (after a role change, RFC 8445 section 7.2.5.1). */
  void updatePriority(IceRole role) {
    long ours = local.priority();
    long theirs = remote.priority();
    priority = role == IceRole.CONTROLLING
        ? CandidatePriority.pairPriority(ours, theirs)
        : CandidatePriority.pairPriority(theirs, ours);
  }

  boolean isValid() {
    return state == CandidatePairState.SUCCEEDED;
  }

  /** True while the pair may still become valid through our own checks. */
  boolean isPending() {
    return checkable && (state == CandidatePairState.FROZEN || state == CandidatePairState.WAITING
        || state == CandidatePairState.IN_PROGRESS);
  }

  boolean matches(LocalCandidate base, InetSocketAddress remoteAddress) {
    return local == base && remote.address().equals(remoteAddress);
  }

  CandidatePairInfo info() {
    return new CandidatePairInfo(local, remote, state, nominated, priority);
  }

  @Override
  public String toString() {
    return "CandidatePair[" + local.baseAddress() + " -> " + remote.address() + " " + local.protocol() + ", "
        + state + (nominated ? ", nominated" : "") + ", priority=" + priority + "]";
  }
}
