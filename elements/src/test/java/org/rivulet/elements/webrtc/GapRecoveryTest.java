package org.rivulet.elements.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GapRecoveryTest {
  private static final long MS = 1_000_000L;
  private static final long RTT = 50 * MS;

  private static Map<Integer, int[]> due(GapRecovery g, long now) {
    Map<Integer, int[]> out = new HashMap<>();
    g.due(now, RTT, out::put);
    return out;
  }

  /** A source with a gap in its sequence numbers: 10, then 12 (11 is missing). */
  private static void gapOf(GapRecovery g, int ssrc, long now) {
    g.arrived(ssrc, 10, false, now);
    g.arrived(ssrc, 12, false, now);
  }

  @Test
  void aFifthSourceIsTrackedOnceOneOfTheFourWasSilentForFiveSeconds() {
    GapRecovery g = new GapRecovery(() -> { });
    for (int ssrc = 1; ssrc <= GapRecovery.MAX_SOURCES; ssrc++) {
      gapOf(g, ssrc, 0);
    }
    gapOf(g, 5, MS);
    Map<Integer, int[]> first = due(g, 100 * MS);
    assertEquals(GapRecovery.MAX_SOURCES, first.size(), "no room for a fifth: " + first.keySet());

    long later = GapRecovery.IDLE_NANOS + MS;
    for (int ssrc = 2; ssrc <= GapRecovery.MAX_SOURCES; ssrc++) {
      g.arrived(ssrc, 15, false, later); // still sending: 13 and 14 missing
    }
    gapOf(g, 6, later);
    Map<Integer, int[]> nacks = due(g, later + 100 * MS);
    assertArrayEquals(new int[] {11}, nacks.get(6), "the new source's gap is NACKed");
    assertEquals(null, nacks.get(1), "the silent one gave its place");
    for (int ssrc = 2; ssrc <= GapRecovery.MAX_SOURCES; ssrc++) {
      assertArrayEquals(new int[] {13, 14}, nacks.get(ssrc), "source " + ssrc + " is still tracked");
    }
  }

  @Test
  void aForgottenSourceIsNoLongerNackedAndItsCountsStayInTheTotals() {
    GapRecovery g = new GapRecovery(() -> { });
    gapOf(g, 1, 0);
    gapOf(g, 2, 0);
    assertEquals(2, due(g, 100 * MS).size());
    long nacked = g.nacked();
    assertEquals(2, nacked, "one sequence number of each");
    g.forget(1);
    assertEquals(nacked, g.nacked(), "totals never go back");
    Map<Integer, int[]> later = due(g, 300 * MS);
    assertEquals(null, later.get(1));
  }
}
