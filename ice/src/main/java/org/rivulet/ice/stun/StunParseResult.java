package org.rivulet.ice.stun;

import java.util.Objects;

/**
 * What {@link StunDecoder#decode} returns: a {@link StunMessage}, or the {@link StunParseError} that
 * stopped it. Failures are shared constants, so rejecting a flood of bad datagrams allocates nothing.
 */
public final class StunParseResult {

  private static final StunParseResult[] FAILURES = new StunParseResult[StunParseError.values().length];

  static {
    for (StunParseError error : StunParseError.values()) {
      FAILURES[error.ordinal()] = new StunParseResult(null, error);
    }
  }

  private final StunMessage message;
  private final StunParseError error;

  private StunParseResult(StunMessage message, StunParseError error) {
    this.message = message;
    this.error = error;
  }

  static StunParseResult success(StunMessage message) {
    return new StunParseResult(Objects.requireNonNull(message, "message"), null);
  }

  static StunParseResult failure(StunParseError error) {
    return FAILURES[error.ordinal()];
  }

  /** True when the datagram held a well-formed message. */
  public boolean isSuccess() {
    return message != null;
  }

  /**
   * The decoded message.
   *
   * @throws IllegalStateException if decoding failed; check {@link #isSuccess()} first
   */
  public StunMessage message() {
    if (message == null) {
      throw new IllegalStateException("not a STUN message: " + error);
    }
    return message;
  }

  /**
   * Why decoding failed.
   *
   * @throws IllegalStateException if decoding succeeded; check {@link #isSuccess()} first
   */
  public StunParseError error() {
    if (error == null) {
      throw new IllegalStateException("decoded successfully: " + message);
    }
    return error;
  }

  @Override
  public String toString() {
    return message != null ? "StunParseResult[" + message + "]" : "StunParseResult[" + error + "]";
  }
}
