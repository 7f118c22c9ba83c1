package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8489 section 6.2.1 waits, and the defaults {@link IceTimings} chose. */
class RetransmissionScheduleTest {

  @Test
  @DisplayName("waits double up to the cap; the timeout comes one (capped) wait after the last send")
  void doubling() {
    RetransmissionSchedule s = new RetransmissionSchedule(Duration.ofMillis(500), Duration.ofMillis(8000), 7);
    // Sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 23.5 s; timeout at 31.5 s.
    long[] waits = {500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (int i = 0; i < waits.length; i++) {
      assertEquals(Duration.ofMillis(waits[i]).toNanos(), s.waitAfterNanos(i + 1), "wait after send " + (i + 1));
    }
    assertEquals(Duration.ofMillis(31_500).toNanos(), s.lifetimeNanos());
  }

  @Test
  @DisplayName("defaults: checks fail after 8.15 s, STUN server queries after 3.5 s")
  void defaults() {
    IceTimings t = IceTimings.defaults();
    assertEquals(Duration.ofMillis(250 + 500 + 1000 + 1600 * 4).toNanos(), t.checks().lifetimeNanos());
    assertEquals(Duration.ofMillis(500 + 1000 + 2000).toNanos(), t.gathering().lifetimeNanos());
    assertEquals(Duration.ofMillis(50), t.pacing());
    assertEquals(Duration.ofSeconds(30), t.consentTimeout());
  }

  @Test
  @DisplayName("invalid schedules are refused")
  void invalid() {
    assertThrows(IllegalArgumentException.class,
        () -> new RetransmissionSchedule(Duration.ZERO, Duration.ofSeconds(1), 3));
    assertThrows(IllegalArgumentException.class,
        () -> new RetransmissionSchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
    assertThrows(IllegalArgumentException.class,
        () -> new RetransmissionSchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
  }
}
