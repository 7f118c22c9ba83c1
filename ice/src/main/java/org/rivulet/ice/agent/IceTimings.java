package org.rivulet.ice.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * The agent's timers. {@link #defaults()} follows the RFCs where they give numbers and says why where they
 * leave the choice to the agent.
 *
 * @param pacing Ta, the interval between two checks the agent starts (RFC 8445 section 14.2: 50 ms)
 * @param checks retransmission of connectivity and consent checks
 * @param gathering retransmission of Binding requests to the STUN server
 * @param checklistTimeout how long checks may run without any success before the state is FAILED
 * @param nominationDelay controlling role, regular nomination: how long to wait for a better pair after the
 *     first valid one before nominating the best valid pair
 * @param consentInterval the mean interval between consent checks (RFC 7675 section 5.1: 5 s)
 * @param consentJitter the spread of that interval either way, 0 to 1 (RFC 7675 section 5.1: 0.2)
 * @param consentTimeout how long after the last consent the selected pair loses it (RFC 7675: 30 s)
 */
public record IceTimings(Duration pacing, RetransmissionSchedule checks, RetransmissionSchedule gathering,
    Duration checklistTimeout, Duration nominationDelay, Duration consentInterval, double consentJitter,
    Duration consentTimeout) {

  public IceTimings {
    requirePositive(pacing, "pacing");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(gathering, "gathering");
    requirePositive(checklistTimeout, "checklistTimeout");
    Objects.requireNonNull(nominationDelay, "nominationDelay");
    if (nominationDelay.isNegative()) {
      throw new IllegalArgumentException("nominationDelay must not be negative");
    }
    requirePositive(consentInterval, "consentInterval");
    if (!(consentJitter >= 0 && consentJitter < 1)) {
      throw new IllegalArgumentException("consentJitter must be in [0, 1): " + consentJitter);
    }
    requirePositive(consentTimeout, "consentTimeout");
  }

  /**
   * Ta 50 ms; checks from 250 ms doubling to at most 1.6 s, 7 sends (RFC 8445 section 14.3 leaves the RTO to
   * the agent; the cap makes a dead pair fail after about 8 s, well inside the 30 s check-list timeout);
   * STUN server requests from 500 ms doubling (RFC 8489 section 6.2.1), but 3 sends rather than 7, so a dead
   * server delays {@code IceGatheringDone} by 3.5 s, not 39.5 s; nomination after 500 ms; consent every
   * 5 s &plusmn; 20 %, lost after 30 s (RFC 7675 section 5.1).
   */
  public static IceTimings defaults() {
    return new IceTimings(Duration.ofMillis(50),
        new RetransmissionSchedule(Duration.ofMillis(250), Duration.ofMillis(1600), 7),
        new RetransmissionSchedule(Duration.ofMillis(500), Duration.ofMillis(2000), 3),
        Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(5), 0.2, Duration.ofSeconds(30));
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
