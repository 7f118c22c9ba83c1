package org.rivulet.ice.agent;

/**
 * Candidate types (RFC 8445 section 5.1.1) with their SDP token (RFC 8839 section 5.1) and the type
 * preference Rivulet uses in the priority formula (RFC 8445 section 5.1.2.2 recommends 126, 110, 100 and
 * 0).
 */
public enum CandidateType {
  /** An address of a local interface. */
  HOST("host", 126),
  /** Learned from a connectivity check (RFC 8445 sections 7.2.5.3.1 and 7.3.1.3). */
  PEER_REFLEXIVE("prflx", 110),
  /** The mapped address a STUN server reports (RFC 8445 section 5.1.1.2). */
  SERVER_REFLEXIVE("srflx", 100),
  /** An address on a TURN server; Rivulet parses these but does not allocate them yet. */
  RELAYED("relay", 0);

  private final String token;
  private final int typePreference;

  CandidateType(String token, int typePreference) {
    this.token = token;
    this.typePreference = typePreference;
  }

  /** The SDP token after {@code typ}. */
  public String token() {
    return token;
  }

  /** 0 to 126, the top byte of a candidate's priority. */
  public int typePreference() {
    return typePreference;
  }

  /** The type whose token is {@code token} (compared exactly, as RFC 8839 writes them), or null. */
  public static CandidateType forToken(String token) {
    for (CandidateType type : values()) {
      if (type.token.equals(token)) {
        return type;
      }
    }
    return null;
  }
}
