package org.rivulet.transport.impair;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ImpairmentHandler} does to the packets of one direction, in the spirit of netem's
 * {@code loss}, {@code duplicate}, {@code reorder} and {@code delay ... jitter} (which these machines lack:
 * RELIABILITY.md section 3.4).
 *
 * @param loss probability, 0..1, that a packet is dropped
 * @param duplicate probability, 0..1, that a (kept) packet is sent twice; the second is a deep copy
 * @param reorder probability, 0..1, that a packet is held back by {@code reorderDelay} more, so that the
 *     packets behind it overtake it (as with netem, reordering is a matter of delay)
 * @param delay fixed delay added to every kept packet
 * @param jitter extra delay drawn uniformly from {@code [0, jitter)} for every kept packet; a jitter
 *     larger than the packet spacing reorders packets as well
 * @param reorderDelay extra delay of a reordered packet; positive whenever {@code reorder} is
 * @param rate bits per second of a bottleneck link the kept packets cross one after another, as
 *     netem's {@code rate} (and a router's queue in front of it); 0 for none
 * @param queueLimit how long a packet may wait for the bottleneck: one that would wait longer is
 *     dropped (tail drop, as a full router buffer does); ignored without a rate
 */
public record Impairment(double loss, double duplicate, double reorder, Duration delay, Duration jitter,
    Duration reorderDelay, long rate, Duration queueLimit) {

  /** Leaves packets alone. */
  public static final Impairment NONE =
      new Impairment(0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

  public Impairment {
    requireProbability(loss, "loss");
    requireProbability(duplicate, "duplicate");
    requireProbability(reorder, "reorder");
    requireNonNegative(delay, "delay");
    requireNonNegative(jitter, "jitter");
    requireNonNegative(reorderDelay, "reorderDelay");
    if (reorder > 0 && reorderDelay.isZero()) {
      throw new IllegalArgumentException("reorder needs a positive reorderDelay");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("rate must not be negative: " + rate);
    }
    requireNonNegative(queueLimit, "queueLimit");
  }

  /** This impairment with another loss probability. */
  public Impairment withLoss(double probability) {
    return new Impairment(probability, duplicate, reorder, delay, jitter, reorderDelay, rate,
        queueLimit);
  }

  /** This impairment with another duplication probability. */
  public Impairment withDuplicate(double probability) {
    return new Impairment(loss, probability, reorder, delay, jitter, reorderDelay, rate,
        queueLimit);
  }

  /** This impairment with another reordering probability and the extra delay of a reordered packet. */
  public Impairment withReorder(double probability, Duration extraDelay) {
    return new Impairment(loss, duplicate, probability, delay, jitter, extraDelay, rate,
        queueLimit);
  }

  /** This impairment with another fixed delay and jitter. */
  public Impairment withDelay(Duration fixed, Duration jitterBound) {
    return new Impairment(loss, duplicate, reorder, fixed, jitterBound, reorderDelay, rate,
        queueLimit);
  }

  /**
   * This impairment behind a bottleneck of {@code bitsPerSecond} whose queue holds packets for at
   * most {@code maxWait}: a link slower than what is sent over it delays, then drops.
   */
  public Impairment withRate(long bitsPerSecond, Duration maxWait) {
    return new Impairment(loss, duplicate, reorder, delay, jitter, reorderDelay, bitsPerSecond,
        maxWait);
  }

  private static void requireProbability(double p, String name) {
    if (!(p >= 0 && p <= 1)) { // also rejects NaN
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
    }
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }
}
