package org.rivulet.ice.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Forms candidate pairs (RFC 8445 section 6.1.2.2) and removes them, keeping the {@link CheckList} and the
 * outstanding checks consistent: a pair pruned or removed has its check cancelled.
 *
 * <p>Which pairs exist: UDP with UDP of the same address family; our passive TCP with the peer's active TCP
 * (we never connect out); loopback only with loopback, where anything else cannot be routed. Single-threaded.
 */
final class Pairing {

  private final CheckList checkList;
  private final StunTransactions transactions;
  private final RoleState roles;
  private final IceCounters counters;

  Pairing(CheckList checkList, StunTransactions transactions, RoleState roles, IceCounters counters) {
    this.checkList = checkList;
    this.transactions = transactions;
    this.roles = roles;
    this.counters = counters;
  }

  static boolean canPair(LocalCandidate base, RemoteCandidate remote) {
    if (base.protocol() != remote.protocol()) {
      return false;
    }
    InetAddress local = base.baseAddress().getAddress();
    InetAddress peer = remote.address().getAddress();
    if ((local instanceof Inet4Address) != (peer instanceof Inet4Address)
        || local.isLoopbackAddress() != peer.isLoopbackAddress()) {
      return false;
    }
    return remote.protocol() == TransportProtocol.UDP || remote.tcpType() == TcpType.ACTIVE;
  }

  /**
   * The pair of {@code base} and {@code remote}: the existing one, a new one, or null when the two cannot
   * pair or the new pair fell below the bound at once.
   *
   * @param protect a pair pruning must spare (the selected one), or null
   */
  CandidatePair pair(LocalCandidate base, RemoteCandidate remote, CandidatePair protect) {
    if (!canPair(base, remote)) {
      return null;
    }
    CandidatePair existing = checkList.find(base, remote.address());
    if (existing != null) {
      return existing;
    }
    CandidatePair pair = new CandidatePair(base, remote, roles.role());
    boolean kept = true;
    for (CandidatePair removed : checkList.add(pair, protect)) {
      counters.pairsPruned++;
      cancelCheck(removed);
      kept &= removed != pair;
    }
    return kept ? pair : null;
  }

  /** Removes every pair with {@code remote} (an evicted peer-reflexive candidate). */
  void removePairsOf(RemoteCandidate remote) {
    for (CandidatePair pair : List.copyOf(checkList.pairs())) {
      if (pair.remote() == remote) {
        checkList.remove(pair);
        cancelCheck(pair);
      }
    }
  }

  /** Points the pairs of a peer-reflexive candidate at its signalled replacement (trickle). */
  void replaceRemote(RemoteCandidate old, RemoteCandidate replacement) {
    for (CandidatePair pair : checkList.pairs()) {
      if (pair.remote() == old) {
        pair.setRemote(replacement, roles.role());
      }
    }
    checkList.resort();
  }

  private void cancelCheck(CandidatePair pair) {
    if (pair.activeCheck != null) {
      transactions.cancel(pair.activeCheck);
    }
  }
}
