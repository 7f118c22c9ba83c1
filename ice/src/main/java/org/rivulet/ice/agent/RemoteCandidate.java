package org.rivulet.ice.agent;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A candidate of the peer: signalled (SDP or trickle, parsed by {@link CandidateSyntax#parse}) or learned
 * as peer-reflexive from a check (RFC 8445 section 7.3.1.3). Immutable; when a trickled candidate turns
 * out to be a peer-reflexive one already learned, the agent replaces the value.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component 1 to 256; the agent uses only component 1 (rtcp-mux)
 * @param protocol UDP or TCP
 * @param priority 1 to 2^31 - 1
 * @param address the transport address, resolved (an IP literal); for {@code tcptype active} the port is
 *     meaningless
 * @param type the candidate type
 * @param relatedAddress {@code raddr}/{@code rport}, or null
 * @param tcpType for TCP, the peer's TCP type; null for UDP
 * @param ufrag the {@code ufrag} extension browsers add (the generation the candidate belongs to), or null
 */
public record RemoteCandidate(String foundation, int component, TransportProtocol protocol, long priority,
    InetSocketAddress address, CandidateType type, InetSocketAddress relatedAddress, TcpType tcpType,
    String ufrag) {

  public RemoteCandidate {
    if (!IceCredentials.isIceString(foundation, 1, 32)) {
      throw new IllegalArgumentException("foundation must be 1 to 32 ice-chars: " + foundation);
    }
    if (component < 1 || component > 256) {
      throw new IllegalArgumentException("component id is 1 to 256: " + component);
    }
    Objects.requireNonNull(protocol, "protocol");
    if (priority < 1 || priority > CandidatePriority.MAX) {
      throw new IllegalArgumentException("priority is 1 to 2^31 - 1: " + priority);
    }
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("remote candidates are IP literals: " + address);
    }
    Objects.requireNonNull(type, "type");
    if ((protocol == TransportProtocol.TCP) != (tcpType != null)) {
      throw new IllegalArgumentException("a tcptype is required for TCP and meaningless for UDP");
    }
    if (ufrag != null && !IceCredentials.isIceString(ufrag, 1, 256)) {
      throw new IllegalArgumentException("ufrag must be 1 to 256 ice-chars");
    }
  }

  /** A copy with another type, foundation and priority: a peer-reflexive candidate the peer later signalled. */
  RemoteCandidate signalledAs(RemoteCandidate signalled) {
    return new RemoteCandidate(signalled.foundation, component, protocol, signalled.priority, address,
        signalled.type, signalled.relatedAddress, tcpType, signalled.ufrag);
  }

  /** True when the peer expects us to connect to it, which Rivulet never does (RFC 6544 section 4.5). */
  boolean needsOutgoingTcp() {
    return tcpType == TcpType.PASSIVE || tcpType == TcpType.SIMULTANEOUS_OPEN;
  }

  /** The trickle form, {@code candidate:...}, for {@code NewCandidatePairSelected}. */
  public String candidateString() {
    return CandidateSyntax.format(foundation, component, protocol, priority, address, type, relatedAddress,
        tcpType, ufrag);
  }
}
