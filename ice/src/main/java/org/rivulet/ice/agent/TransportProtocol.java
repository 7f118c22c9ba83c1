package org.rivulet.ice.agent;

import java.util.Locale;

/** The transport of a candidate: UDP, or TCP with RFC 4571 framing (RFC 6544). */
public enum TransportProtocol {
  UDP("udp"),
  TCP("tcp");

  private final String token;

  TransportProtocol(String token) {
    this.token = token;
  }

  /** The SDP token, lower case as browsers write it (RFC 8839 compares it case-insensitively). */
  public String token() {
    return token;
  }

  /** The protocol named by {@code token}, case-insensitively, or null. */
  public static TransportProtocol forToken(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    for (TransportProtocol protocol : values()) {
      if (protocol.token.equals(lower)) {
        return protocol;
      }
    }
    return null;
  }
}
