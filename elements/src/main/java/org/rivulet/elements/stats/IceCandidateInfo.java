package org.rivulet.elements.stats;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.rivulet.ice.agent.CandidateType;
import org.rivulet.ice.agent.LocalCandidate;
import org.rivulet.ice.agent.RemoteCandidate;
import org.rivulet.ice.agent.TransportProtocol;

/**
 * One ICE candidate of a reported pair: Kurento's {@code RTCIceCandidateAttributes}.
 *
 * @param address the IP literal
 * @param port the port, 0 to 65535 (meaningless for an active TCP candidate)
 * @param protocol UDP or TCP
 * @param type host, server reflexive, peer reflexive or relayed
 * @param priority the candidate's priority (RFC 8445 section 5.1.2)
 * @param sourceUrl the STUN or TURN server that produced a reflexive or relayed address, empty
 *     when unknown or not applicable
 */
public record IceCandidateInfo(String address, int port, TransportProtocol protocol,
    CandidateType type, long priority, String sourceUrl) {
  public IceCandidateInfo {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port is 0 to 65535: " + port);
    }
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(type, "type");
    Counters.nonNegative(priority, "priority");
    Objects.requireNonNull(sourceUrl, "sourceUrl");
  }

  /** A local candidate as the ICE agent holds it; its STUN server is not known there. */
  public static IceCandidateInfo of(LocalCandidate c) {
    return of(c.address(), c.protocol(), c.type(), c.priority());
  }

  /** A remote candidate as the peer signalled it or a check revealed it. */
  public static IceCandidateInfo of(RemoteCandidate c) {
    return of(c.address(), c.protocol(), c.type(), c.priority());
  }

  private static IceCandidateInfo of(InetSocketAddress a, TransportProtocol protocol,
      CandidateType type, long priority) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return new IceCandidateInfo(host, a.getPort(), protocol, type, priority, "");
  }
}
