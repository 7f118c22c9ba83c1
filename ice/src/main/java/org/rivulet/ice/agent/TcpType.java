package org.rivulet.ice.agent;

import java.util.Locale;

/**
 * The {@code tcptype} of a TCP candidate (RFC 6544 section 4.5). Rivulet offers passive candidates only:
 * browsers connect to it, it never opens TCP connections.
 */
public enum TcpType {
  /** Opens connections; its port is meaningless (9 by convention). */
  ACTIVE("active", 6),
  /** Accepts connections. */
  PASSIVE("passive", 4),
  /** Simultaneous open. */
  SIMULTANEOUS_OPEN("so", 2);

  private final String token;
  private final int directionPreference;

  TcpType(String token, int directionPreference) {
    this.token = token;
    this.directionPreference = directionPreference;
  }

  public String token() {
    return token;
  }

  /** RFC 6544 section 4.2's direction preference for host candidates (active 6, passive 4, so 2). */
  int directionPreference() {
    return directionPreference;
  }

  /** The type named by {@code token}, case-insensitively, or null. */
  public static TcpType forToken(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    for (TcpType type : values()) {
      if (type.token.equals(lower)) {
        return type;
      }
    }
    return null;
  }
}
