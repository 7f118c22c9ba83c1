package org.rivulet.sdp;

/** The ICE candidate types (RFC 8445 section 5.1.1, RFC 8839 section 5.1 {@code cand-type}). */
public enum CandidateType {
  /** An address on a local interface. */
  HOST("host"),
  /** Server reflexive: the address a STUN server saw. */
  SRFLX("srflx"),
  /** Peer reflexive: learned from a connectivity check. */
  PRFLX("prflx"),
  /** A TURN relay address. */
  RELAY("relay");

  private final String token;

  CandidateType(String token) {
    this.token = token;
  }

  /** The SDP token, such as {@code host}. */
  public String token() {
    return token;
  }

  /** The type written as {@code token} (case-insensitive, RFC 8839 section 5.1), or null. */
  static CandidateType forToken(String token) {
    for (CandidateType t : values()) {
      if (t.token.equalsIgnoreCase(token)) {
        return t;
      }
    }
    return null;
  }
}
