package org.rivulet.ice.agent;

/** The state of a candidate pair in the check list (RFC 8445 section 6.1.2.6). */
public enum CandidatePairState {
  /** Waits until a pair with the same foundation succeeds, or nothing else is left to check. */
  FROZEN,
  /** Will be checked when its turn comes. */
  WAITING,
  /** A check is outstanding. */
  IN_PROGRESS,
  /** A check succeeded: the pair is valid (RFC 8445 section 7.2.5.3.2). */
  SUCCEEDED,
  /** A check timed out or got an unrecoverable error. */
  FAILED
}
