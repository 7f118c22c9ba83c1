package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LibwebrtcPacerTest {
  private static final long MS = 1_000_000L;

  /** 1.5 Mbit/s paced at 3.75 Mbit/s: 468.75 bytes per ms, 18,750 bytes of burst. */
  private final LibwebrtcPacer pacer = new LibwebrtcPacer(1_500_000);

  private int sentAt(long nowNanos, int packets) {
    int sent = 0;
    while (sent < packets && pacer.trySend(1200, nowNanos)) {
      sent++;
    }
    return sent;
  }

  @Test
  void anOrdinaryFrameLeavesBackToBack() {
    assertEquals(18_750, pacer.burstBytes(), 0.01);
    assertEquals(7, sentAt(0, 7));
  }

  @Test
  void aKeyframeLeavesItsBurstBudgetAtOnceAndTheRestAtThePacingRate() {
    // Sends while the debt is under 18,750 bytes: 16 packets (the 16th takes it to 19,200).
    assertEquals(16, sentAt(0, 25));
    // 19,200 - 18,750 = 450 bytes over: under 1 ms of draining at 468.75 bytes/ms.
    assertFalse(pacer.trySend(1200, 0));
    assertEquals(1, sentAt(1 * MS, 9));
    assertEquals(0, sentAt(2 * MS, 9));
    assertEquals(1, sentAt(4 * MS, 9));
  }

  @Test
  void aQuietSpellRestoresTheWholeBurst() {
    assertEquals(16, sentAt(0, 25));
    assertEquals(0, sentAt(0, 1));
    assertTrue(pacer.trySend(1200, 41 * MS));
    assertEquals(15, sentAt(41 * MS, 25));
  }
}
