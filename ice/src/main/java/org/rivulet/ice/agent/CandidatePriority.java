package org.rivulet.ice.agent;

/**
 * The priority arithmetic of RFC 8445: candidate priorities (section 5.1.2.1) and pair priorities (section
 * 6.1.2.3).
 *
 * <pre>
 *  candidate priority = 2^24 * type preference + 2^8 * local preference + (256 - component id)
 *
 *  local preference (16 bits), RFC 6544 section 4.2 layout applied to UDP as well:
 *   15      13 12  11                    0
 *  +----------+---+-----------------------+
 *  | direction|v6 | 4095 - interface rank |
 *  +----------+---+-----------------------+
 *   direction: UDP 7, TCP active 6, passive 4, so 2 (so UDP always beats TCP)
 *   v6: set for IPv6, which RFC 8421 prefers on dual-stack hosts
 *   interface rank: 0 for the preferred interface, then 1, 2, ...
 * </pre>
 *
 * <p>Stateless.
 */
public final class CandidatePriority {

  /** The largest priority RFC 8445 section 5.1.2 allows: 2^31 - 1. */
  public static final long MAX = 0x7FFF_FFFFL;

  /** The largest interface rank that still changes the local preference. */
  public static final int MAX_INTERFACE_RANK = 0xFFF;

  /** UDP's direction value: above every TCP direction preference of RFC 6544. */
  private static final int UDP_DIRECTION = 7;

  private CandidatePriority() {}

  /**
   * The local preference of a candidate.
   *
   * @param tcpType the TCP type, ignored for UDP
   * @param interfaceRank 0 for the preferred interface; values above {@link #MAX_INTERFACE_RANK} rank
   *     with it
   */
  public static int localPreference(TransportProtocol protocol, TcpType tcpType, boolean ipv6,
      int interfaceRank) {
    if (interfaceRank < 0) {
      throw new IllegalArgumentException("interface rank must not be negative: " + interfaceRank);
    }
    int direction = protocol == TransportProtocol.UDP ? UDP_DIRECTION : tcpType.directionPreference();
    int rank = Math.min(interfaceRank, MAX_INTERFACE_RANK);
    return (direction << 13) | (ipv6 ? 1 << 12 : 0) | (MAX_INTERFACE_RANK - rank);
  }

  /** RFC 8445 section 5.1.2.1; the component is always 1 here (rtcp-mux). */
  public static long candidatePriority(CandidateType type, int localPreference, int componentId) {
    if (localPreference < 0 || localPreference > 0xFFFF) {
      throw new IllegalArgumentException("local preference is 16 bits: " + localPreference);
    }
    if (componentId < 1 || componentId > 256) {
      throw new IllegalArgumentException("component id is 1 to 256: " + componentId);
    }
    return ((long) type.typePreference() << 24) + ((long) localPreference << 8) + (256 - componentId);
  }

  /**
   * RFC 8445 section 6.1.2.3: {@code 2^32 * min(G, D) + 2 * max(G, D) + (G > D ? 1 : 0)}, where G is the
   * controlling agent's candidate priority and D the controlled agent's. Both agents compute the same
   * value for a pair. Priorities are at most {@link #MAX}, so the result fits a {@code long}.
   */
  public static long pairPriority(long controlling, long controlled) {
    long min = Math.min(controlling, controlled);
    long max = Math.max(controlling, controlled);
    return (min << 32) + 2 * max + (controlling > controlled ? 1 : 0);
  }
}
