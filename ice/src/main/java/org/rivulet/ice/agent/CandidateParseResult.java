package org.rivulet.ice.agent;

import java.util.Objects;

/**
 * What {@link CandidateSyntax#parse} returns: a {@link RemoteCandidate}, or the {@link CandidateParseError}
 * that stopped it. Nothing is thrown for bad input.
 */
public final class CandidateParseResult {

  private static final CandidateParseResult[] FAILURES =
      new CandidateParseResult[CandidateParseError.values().length];

  static {
    for (CandidateParseError error : CandidateParseError.values()) {
      FAILURES[error.ordinal()] = new CandidateParseResult(null, error);
    }
  }

  private final RemoteCandidate candidate;
  private final CandidateParseError error;

  private CandidateParseResult(RemoteCandidate candidate, CandidateParseError error) {
    this.candidate = candidate;
    this.error = error;
  }

  static CandidateParseResult success(RemoteCandidate candidate) {
    return new CandidateParseResult(Objects.requireNonNull(candidate, "candidate"), null);
  }

  static CandidateParseResult failure(CandidateParseError error) {
    return FAILURES[error.ordinal()];
  }

  public boolean isSuccess() {
    return candidate != null;
  }

  /**
   * The candidate.
   *
   * @throws IllegalStateException if parsing failed
   */
  public RemoteCandidate candidate() {
    if (candidate == null) {
      throw new IllegalStateException("not parsed: " + error);
    }
    return candidate;
  }

  /**
   * Why parsing failed.
   *
   * @throws IllegalStateException if parsing succeeded
   */
  public CandidateParseError error() {
    if (error == null) {
      throw new IllegalStateException("parsed: " + candidate);
    }
    return error;
  }

  @Override
  public String toString() {
    return candidate != null ? "CandidateParseResult[" + candidate + "]" : "CandidateParseResult[" + error + "]";
  }
}
