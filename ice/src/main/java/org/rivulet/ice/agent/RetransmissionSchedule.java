package org.rivulet.ice.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * How a STUN request is retransmitted over UDP, after RFC 8489 section 6.2.1 (simplified: the final wait is
 * the next capped RTO rather than Rm times the initial one): the first wait is {@code initialRto}, each next
 * one doubles up to {@code maxRto}, and after the last of {@code maxTransmissions} sends the transaction
 * times out once one more wait has passed.
 *
 * <pre>
 *  send ─ rto ─ send ─ 2·rto ─ send ─ 4·rto ... send (maxTransmissions) ─ last wait ─ timeout
 * </pre>
 *
 * <p>Over TCP nothing is re-sent (RFC 8489 section 6.2.2: the transport is reliable); the same waits
 * bound the transaction.
 *
 * @param initialRto the first wait
 * @param maxRto the cap on a wait
 * @param maxTransmissions how many times the request is sent, at least 1
 */
public record RetransmissionSchedule(Duration initialRto, Duration maxRto, int maxTransmissions) {

  public RetransmissionSchedule {
    Objects.requireNonNull(initialRto, "initialRto");
    Objects.requireNonNull(maxRto, "maxRto");
    if (initialRto.isNegative() || initialRto.isZero() || maxRto.compareTo(initialRto) < 0) {
      throw new IllegalArgumentException("need 0 < initialRto <= maxRto: " + initialRto + ", " + maxRto);
    }
    if (maxTransmissions < 1) {
      throw new IllegalArgumentException("maxTransmissions must be at least 1: " + maxTransmissions);
    }
  }

  /** The wait after the {@code transmission}th send (1-based), in nanoseconds. */
  long waitAfterNanos(int transmission) {
    long rto = initialRto.toNanos();
    long cap = maxRto.toNanos();
    for (int i = 1; i < transmission && rto < cap; i++) {
      rto *= 2;
    }
    return Math.min(rto, cap);
  }

  /** The time from the first send to the timeout, in nanoseconds. */
  long lifetimeNanos() {
    long total = 0;
    for (int i = 1; i <= maxTransmissions; i++) {
      total += waitAfterNanos(i);
    }
    return total;
  }
}
