package org.rivulet.ice.agent;

/**
 * The two ICE roles (RFC 8445 section 6.1.1). The controlling agent nominates the pair that carries media;
 * the controlled agent follows its nominations. The offerer usually starts controlling and the answerer
 * controlled; a role conflict (RFC 8445 section 7.3.1.1) can swap them.
 */
public enum IceRole {
  /** Nominates pairs with USE-CANDIDATE (RFC 8445 section 8.1.1); Rivulet after {@code generateOffer}. */
  CONTROLLING,
  /** Selects the pairs the peer nominates (RFC 8445 section 8.1.2); Rivulet answering a browser's offer. */
  CONTROLLED;

  /** The other role. */
  public IceRole opposite() {
    return this == CONTROLLING ? CONTROLLED : CONTROLLING;
  }
}
