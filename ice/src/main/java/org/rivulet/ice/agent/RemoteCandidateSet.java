package org.rivulet.ice.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The peer's candidates of the current generation, bounded (RELIABILITY.md B2 items 17 and 18: signalled
 * and peer-reflexive candidates make us send checks, so their number is an amplification factor), plus a
 * bounded queue of candidates that arrived before the credentials of their generation.
 *
 * <p>Candidates are keyed by protocol and transport address. Single-threaded.
 */
final class RemoteCandidateSet {

  private final List<RemoteCandidate> candidates = new ArrayList<>();
  private final List<RemoteCandidate> pending = new ArrayList<>();
  private final int max;

  RemoteCandidateSet(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    this.max = max;
  }

  /** The candidates in the order they arrived; unmodifiable view. */
  List<RemoteCandidate> all() {
    return Collections.unmodifiableList(candidates);
  }

  int size() {
    return candidates.size();
  }

  boolean isFull() {
    return candidates.size() >= max;
  }

  /** The candidate with this protocol and transport address, or null. */
  RemoteCandidate find(TransportProtocol protocol, InetSocketAddress address) {
    for (RemoteCandidate c : candidates) {
      if (c.protocol() == protocol && c.address().equals(address)) {
        return c;
      }
    }
    return null;
  }

  /** Adds a candidate; the caller checked {@link #isFull()} and {@link #find}. */
  void add(RemoteCandidate candidate) {
    if (isFull()) {
      throw new IllegalStateException("remote candidates are at their bound of " + max);
    }
    candidates.add(candidate);
  }

  void replace(RemoteCandidate old, RemoteCandidate replacement) {
    candidates.set(candidates.indexOf(old), replacement);
  }

  void remove(RemoteCandidate candidate) {
    candidates.remove(candidate);
  }

  /** The oldest peer-reflexive candidate {@code inUse} does not protect, or null. */
  RemoteCandidate oldestPeerReflexive(Predicate<RemoteCandidate> inUse) {
    for (RemoteCandidate c : candidates) {
      if (c.type() == CandidateType.PEER_REFLEXIVE && !inUse.test(c)) {
        return c;
      }
    }
    return null;
  }

  /** Queues a candidate for a generation whose credentials are not set yet; false when the queue is full. */
  boolean queue(RemoteCandidate candidate) {
    if (pending.size() >= max) {
      return false;
    }
    pending.add(candidate);
    return true;
  }

  int queued() {
    return pending.size();
  }

  /** Empties the queue and returns what it held, oldest first. */
  List<RemoteCandidate> drainQueue() {
    List<RemoteCandidate> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }

  /** Forgets the current generation's candidates; the queue stays (it may hold the next generation's). */
  void clear() {
    candidates.clear();
  }
}
