package org.rivulet.ice.agent;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Our candidates: the host candidates on the caller's sockets (with {@code externalIPv4}/{@code externalIPv6}
 * applied), and the server-reflexive ones the STUN server reports for them (RFC 8445 section 5.1.1).
 * Reports each to the listener once gathering has started ({@code IceCandidateFound}), and gathering done
 * once every STUN query has ended ({@code IceGatheringDone}).
 *
 * <p>Single-threaded.
 */
final class CandidateGatherer {

  private final IceAgentConfig config;
  private final IceAgentListener listener;
  private final StunBindingClient stunClient;
  private final List<LocalCandidate> all = new ArrayList<>();
  private final Set<LocalCandidate> bases = new HashSet<>();
  private boolean started;
  private boolean done;
  private int queries;

  CandidateGatherer(IceAgentConfig config, IceAgentListener listener, StunBindingClient stunClient) {
    this.config = config;
    this.listener = listener;
    this.stunClient = stunClient;
  }

  /**
   * Adds a host candidate; reports it and queries the STUN server for it if gathering has started.
   *
   * @throws IllegalArgumentException for the wildcard, port 0, or a socket already added
   */
  LocalCandidate addHost(InetSocketAddress bound, TransportProtocol protocol, int interfaceRank) {
    for (LocalCandidate base : bases) {
      if (base.protocol() == protocol && base.baseAddress().equals(bound)) {
        throw new IllegalArgumentException("already a host candidate: " + protocol + " " + bound);
      }
    }
    LocalCandidate candidate = LocalCandidate.host(bound,
        config.externalAddresses().advertisedFor(bound.getAddress()), protocol, interfaceRank);
    all.add(candidate);
    bases.add(candidate);
    if (started) {
      listener.onLocalCandidate(candidate);
      query(candidate);
    }
    return candidate;
  }

  /** Starts gathering: reports what is known, queries the STUN server; a second call does nothing. */
  void start() {
    if (started) {
      return;
    }
    started = true;
    for (LocalCandidate candidate : List.copyOf(all)) {
      listener.onLocalCandidate(candidate);
      query(candidate);
    }
    finishIfDone();
  }

  boolean isStarted() {
    return started;
  }

  boolean isDone() {
    return done;
  }

  /** Every candidate, in the order found; unmodifiable view. */
  List<LocalCandidate> all() {
    return Collections.unmodifiableList(all);
  }

  /** The host candidates, which are the bases; unmodifiable view. */
  Set<LocalCandidate> bases() {
    return Collections.unmodifiableSet(bases);
  }

  boolean isBase(LocalCandidate candidate) {
    return bases.contains(candidate);
  }

  private void query(LocalCandidate base) {
    InetSocketAddress server = config.stunServer();
    if (server == null || base.protocol() != TransportProtocol.UDP
        || (server.getAddress() instanceof Inet4Address) != (base.baseAddress().getAddress() instanceof Inet4Address)) {
      return;
    }
    if (stunClient.query(base, server, new Answers())) {
      queries++;
    }
  }

  private void finishIfDone() {
    if (started && !done && queries == 0) {
      done = true;
      listener.onGatheringDone();
    }
  }

  private final class Answers implements StunBindingClient.Callback {

    @Override
    public void onMapped(LocalCandidate base, InetSocketAddress mapped) {
      queries--;
      // RFC 8445 section 5.1.3: a mapped address equal to the base's (no NAT) or already known adds nothing.
      boolean redundant = mapped.equals(base.baseAddress()) || mapped.equals(base.address());
      for (LocalCandidate c : all) {
        redundant |= c.base() == base && c.address().equals(mapped);
      }
      if (!redundant) {
        LocalCandidate srflx = LocalCandidate.serverReflexive(base, mapped, config.stunServer());
        all.add(srflx);
        listener.onLocalCandidate(srflx);
      }
      finishIfDone();
    }

    @Override
    public void onFailed(LocalCandidate base) {
      queries--;
      finishIfDone();
    }
  }
}
