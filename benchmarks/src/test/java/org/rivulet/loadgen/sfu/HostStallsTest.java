package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostStallsTest {

  @Test
  void countsEachGapUnderEveryThresholdItReaches() {
    HostStalls s = new HostStalls();
    for (int i = 0; i < 1000; i++) {
      s.gap(50); // ordinary clock readings
    }
    s.gap(150_000);
    s.gap(1_200_000);
    s.gap(6_000_000);
    assertEquals(3, s.count(0), ">= 100 µs");
    assertEquals(2, s.count(1), ">= 500 µs");
    assertEquals(2, s.count(2), ">= 1 ms");
    assertEquals(1, s.count(3), ">= 2 ms");
    assertEquals(1, s.count(4), ">= 5 ms");
    assertEquals(6000, s.maxMicros());
    double lost = 100.0 * (150_000 + 1_200_000 + 6_000_000) / (50_000 + 7_350_000);
    assertEquals(lost, s.lostPercent(), 1e-9);
    assertEquals("stalls >=100us:3 >=500us:2 >=1ms:2 >=2ms:1 >=5ms:1 max=6.0ms lost=99.32% over 0.0s",
        s.summary());
  }

  @Test
  void aShortMeasurementSpansItsDuration() {
    HostStalls s = HostStalls.measure(20_000_000L);
    assertTrue(s.lostPercent() >= 0 && s.lostPercent() <= 100);
    assertTrue(s.summary().endsWith("over 0.0s"), s.summary());
  }
}
