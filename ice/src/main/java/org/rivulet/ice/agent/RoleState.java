package org.rivulet.ice.agent;

import org.rivulet.ice.stun.IceControlled;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.StunAttribute;

/**
 * Our ICE role and tie-breaker, and the role-conflict rules of RFC 8445 section 7.3.1.1 (a request claims
 * our role) and section 7.2.5.1 (a 487 answers ours). Tie-breakers compare as unsigned 64-bit numbers.
 * Single-threaded.
 */
final class RoleState {

  /** What to do with a request after comparing roles. */
  enum Decision {
    /** No conflict, or one we resolved by switching role: answer the request. */
    PROCEED,
    /** Conflict and we keep our role: answer 487. */
    REJECT
  }

  private IceRole role;
  private final long tieBreaker;

  RoleState(IceRole role, long tieBreaker) {
    this.role = role;
    this.tieBreaker = tieBreaker;
  }

  IceRole role() {
    return role;
  }

  long tieBreaker() {
    return tieBreaker;
  }

  void setRole(IceRole role) {
    this.role = role;
  }

  /** The role attribute our requests carry (RFC 8445 section 7.1.3). */
  StunAttribute roleAttribute() {
    return role == IceRole.CONTROLLING ? new IceControlling(tieBreaker) : new IceControlled(tieBreaker);
  }

  /**
   * RFC 8445 section 7.3.1.1: compares the role a request claims with ours. May switch our role; the
   * caller compares {@link #role()} before and after to recompute pair priorities.
   *
   * @param controlling the request's ICE-CONTROLLING, or null
   * @param controlled the request's ICE-CONTROLLED, or null
   */
  Decision onRequest(IceControlling controlling, IceControlled controlled) {
    if (role == IceRole.CONTROLLING && controlling != null) {
      if (Long.compareUnsigned(tieBreaker, controlling.tieBreaker()) >= 0) {
        return Decision.REJECT;
      }
      role = IceRole.CONTROLLED;
    } else if (role == IceRole.CONTROLLED && controlled != null) {
      if (Long.compareUnsigned(tieBreaker, controlled.tieBreaker()) >= 0) {
        role = IceRole.CONTROLLING;
      } else {
        return Decision.REJECT;
      }
    }
    return Decision.PROCEED;
  }

  /**
   * RFC 8445 section 7.2.5.1: a 487 answered a request we sent in {@code roleWhenSent}; we switch unless a
   * switch already happened since.
   *
   * @return true when the role changed
   */
  boolean onRoleConflictResponse(IceRole roleWhenSent) {
    if (role != roleWhenSent) {
      return false;
    }
    role = role.opposite();
    return true;
  }
}
