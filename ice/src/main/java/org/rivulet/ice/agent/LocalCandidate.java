package org.rivulet.ice.agent;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One of our candidates: a host candidate on a socket the caller bound, or a server-reflexive candidate
 * found through a STUN server on such a socket.
 *
 * <p>A host candidate is its own <em>base</em> (RFC 8445 section 5.1.1.1): the socket packets are sent from.
 * The agent pairs only bases with remote candidates; a server-reflexive candidate would form the same
 * pairs as its base, which RFC 8445 section 6.1.2.4 prunes anyway, so it is only advertised. When the
 * transmitter is asked to send from a base, {@link #baseAddress()} and {@link #protocol()} name the socket.
 *
 * <p>The advertised {@link #address()} differs from {@link #baseAddress()} when {@code externalIPv4} or
 * {@code externalIPv6} is configured (Kurento advertises the external address in place of the interface's)
 * and for server-reflexive candidates.
 *
 * <p>Immutable; identity is equality, so the caller can map bases to channels.
 */
public final class LocalCandidate {

  private final CandidateType type;
  private final TransportProtocol protocol;
  private final TcpType tcpType;
  private final InetSocketAddress address;
  private final InetSocketAddress baseAddress;
  private final InetSocketAddress relatedAddress;
  private final LocalCandidate base;
  private final int localPreference;
  private final long priority;
  private final String foundation;
  private final String candidateString;

  private LocalCandidate(CandidateType type, TransportProtocol protocol, InetSocketAddress address,
      InetSocketAddress baseAddress, InetSocketAddress relatedAddress, LocalCandidate base, int localPreference,
      String foundationKey) {
    this.type = type;
    this.protocol = protocol;
    this.tcpType = protocol == TransportProtocol.TCP ? TcpType.PASSIVE : null;
    this.address = address;
    this.baseAddress = baseAddress;
    this.relatedAddress = relatedAddress;
    this.base = base == null ? this : base;
    this.localPreference = localPreference;
    this.priority = CandidatePriority.candidatePriority(type, localPreference, 1);
    this.foundation = foundation(foundationKey);
    this.candidateString = CandidateSyntax.format(foundation, 1, protocol, priority, address, type,
        relatedAddress, tcpType, null);
  }

  /**
   * A host candidate.
   *
   * @param bound the address the socket is bound to: a specific interface address, not the wildcard
   * @param advertised the address to put in the candidate, usually {@code bound.getAddress()}, or the
   *     configured external address of the same family
   * @param protocol UDP, or TCP for a passive ICE-TCP listener (RFC 6544)
   * @param interfaceRank 0 for the preferred interface, then 1, 2, ... (see {@link CandidatePriority})
   */
  static LocalCandidate host(InetSocketAddress bound, InetAddress advertised, TransportProtocol protocol,
      int interfaceRank) {
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(advertised, "advertised");
    Objects.requireNonNull(protocol, "protocol");
    if (bound.isUnresolved() || bound.getAddress().isAnyLocalAddress() || bound.getPort() == 0) {
      throw new IllegalArgumentException("a host candidate needs a bound interface address and port: " + bound);
    }
    int localPreference = CandidatePriority.localPreference(protocol, TcpType.PASSIVE,
        bound.getAddress() instanceof Inet6Address, interfaceRank);
    // RFC 8445 section 5.1.1.3: same type, base IP address and transport protocol, same foundation.
    String key = "host/" + protocol.token() + "/" + bound.getAddress().getHostAddress();
    return new LocalCandidate(CandidateType.HOST, protocol, new InetSocketAddress(advertised, bound.getPort()),
        bound, null, null, localPreference, key);
  }

  /**
   * A server-reflexive candidate of {@code base}: the mapped address a STUN server reported, with the
   * base's address as related address (RFC 8445 section 5.1.1.2).
   */
  static LocalCandidate serverReflexive(LocalCandidate base, InetSocketAddress mapped, InetSocketAddress server) {
    if (!base.isBase()) {
      throw new IllegalArgumentException("not a base: " + base);
    }
    String key = "srflx/" + base.protocol.token() + "/" + base.baseAddress.getAddress().getHostAddress() + "/"
        + server;
    return new LocalCandidate(CandidateType.SERVER_REFLEXIVE, base.protocol, mapped, base.baseAddress,
        base.baseAddress, base, base.localPreference, key);
  }

  /** A short decimal foundation: the CRC-32 of what RFC 8445 section 5.1.1.3 says must match. */
  private static String foundation(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue());
  }

  public CandidateType type() {
    return type;
  }

  public TransportProtocol protocol() {
    return protocol;
  }

  /** {@link TcpType#PASSIVE} for TCP, null for UDP. */
  public TcpType tcpType() {
    return tcpType;
  }

  /** The advertised transport address. */
  public InetSocketAddress address() {
    return address;
  }

  /** The address of the socket this candidate's packets leave from. */
  public InetSocketAddress baseAddress() {
    return baseAddress;
  }

  /** For a server-reflexive candidate, its base's address; null for a host candidate. */
  public InetSocketAddress relatedAddress() {
    return relatedAddress;
  }

  /** The host candidate whose socket this candidate uses; this candidate itself for a host candidate. */
  public LocalCandidate base() {
    return base;
  }

  /** True for a host candidate: the agent sends from it and pairs it with remote candidates. */
  public boolean isBase() {
    return base == this;
  }

  public String foundation() {
    return foundation;
  }

  public long priority() {
    return priority;
  }

  /**
   * The priority a peer-reflexive candidate learned from a check sent from this base would have: the
   * PRIORITY attribute of our checks (RFC 8445 section 7.1.1).
   */
  long peerReflexivePriority() {
    return CandidatePriority.candidatePriority(CandidateType.PEER_REFLEXIVE, localPreference, 1);
  }

  /**
   * The trickle form for {@code IceCandidateFound}, {@code candidate:<foundation> 1 udp <priority> <ip>
   * <port> typ host generation 0}; without the prefix it is an {@code a=candidate} value.
   */
  public String candidateString() {
    return candidateString;
  }

  /** The value of an SDP {@code a=candidate:} line: {@link #candidateString()} without the prefix. */
  public String attributeValue() {
    return candidateString.substring(CandidateSyntax.PREFIX.length());
  }

  @Override
  public String toString() {
    return candidateString;
  }
}
